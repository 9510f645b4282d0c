import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app lives in web/; the Node server serves the build from dist/web. In development
// (`npx vite`) the API runs separately on port 3000 (`npm start`) and is proxied.
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    // ECharts (about 550 kB) is a chunk of its own that only the national pages load.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // React and the NL Design System components change less often than the app.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "nl-design-system", test: /node_modules[\\/]@utrecht[\\/]/ },
            { name: "i18n", test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
    },
  },
});
