import { Alert, Paragraph } from "@utrecht/component-library-react";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiClient, ApiError, api, type User } from "./api";
import { AppShell, MAIN_ID } from "./components/AppShell";
import { FEATURE_PAGES } from "./features";
import { currentLanguage, isLanguage, type Language } from "./i18n";
import { homePathFor, isAllowed, pageForPath, SIGN_IN_PATH } from "./navigation";
import { NotAvailablePage, NotFoundPage } from "./pages/NoticePage";
import { PlaceholderPage } from "./pages/PlaceholderPage";
import { SignInPage } from "./pages/SignInPage";
import { navigate, usePath } from "./router";

type AuthState =
  | { status: "loading" }
  | { status: "anonymous"; noticeKey?: string; errorCode?: string }
  | { status: "signed-in"; user: User };

export interface AppProps {
  /** The API client; tests pass a fake. */
  client?: ApiClient;
}

export function App({ client = api }: AppProps) {
  const { t, i18n } = useTranslation();
  const path = usePath();
  const language = currentLanguage(i18n);
  const [auth, setAuth] = useState<AuthState>({ status: "loading" });
  const [signingOut, setSigningOut] = useState(false);
  const [languageSaveFailed, setLanguageSaveFailed] = useState(false);
  const returnTo = useRef<string | null>(null);
  const lastPath = useRef(path);

  /** After sign-in the language stored with the user wins over the browser's choice. */
  const adoptUser = useCallback(
    (user: User) => {
      if (isLanguage(user.language) && user.language !== currentLanguage(i18n)) {
        void i18n.changeLanguage(user.language);
      }
      setAuth({ status: "signed-in", user });
    },
    [i18n],
  );

  useEffect(() => {
    let cancelled = false;
    client.me().then(
      (user) => {
        if (cancelled) return;
        if (user) adoptUser(user);
        else setAuth({ status: "anonymous" });
      },
      (error: unknown) => {
        if (cancelled) return;
        setAuth({
          status: "anonymous",
          errorCode: error instanceof ApiError ? error.code : "unknown",
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, adoptUser]);

  // Signed out: every page leads to sign-in. Signed in: the root and sign-in lead home.
  useEffect(() => {
    if (auth.status === "anonymous" && path !== SIGN_IN_PATH) {
      if (pageForPath(path)) returnTo.current = path;
      navigate(SIGN_IN_PATH, { replace: true });
    } else if (auth.status === "signed-in" && (path === "/" || path === SIGN_IN_PATH)) {
      navigate(homePathFor(auth.user.role), { replace: true });
    }
  }, [auth, path]);

  // After navigating, move focus to the new page's title, as a page load would.
  useEffect(() => {
    if (lastPath.current === path) return;
    lastPath.current = path;
    document.querySelector<HTMLElement>(`#${MAIN_ID} h1`)?.focus();
  }, [path]);

  const handleSignedIn = useCallback(
    (user: User) => {
      const wanted = returnTo.current;
      returnTo.current = null;
      const page = wanted ? pageForPath(wanted) : null;
      adoptUser(user);
      navigate(wanted && page && isAllowed(user.role, page) ? wanted : homePathFor(user.role), {
        replace: true,
      });
    },
    [adoptUser],
  );

  const handleSignOut = useCallback(async () => {
    setSigningOut(true);
    try {
      await client.logout();
    } catch {
      // The session is dropped here either way; the server expires it on its own.
    }
    setSigningOut(false);
    setLanguageSaveFailed(false);
    returnTo.current = null;
    setAuth({ status: "anonymous", noticeKey: "signIn.signedOut" });
    navigate(SIGN_IN_PATH);
  }, [client]);

  const handleLanguageChange = useCallback(
    async (next: Language) => {
      setLanguageSaveFailed(false);
      await i18n.changeLanguage(next); // also writes localStorage and <html lang>
      if (auth.status !== "signed-in" || auth.user.language === next) return;
      try {
        const user = await client.setLanguage(next);
        setAuth((current) => (current.status === "signed-in" ? { ...current, user } : current));
      } catch {
        setLanguageSaveFailed(true);
      }
    },
    [auth, client, i18n],
  );

  const user = auth.status === "signed-in" ? auth.user : null;

  let content: ReactNode = null;
  if (auth.status === "loading") {
    content = (
      <Paragraph role="status" className="opvang-loading">
        {t("app.loading")}
      </Paragraph>
    );
  } else if (auth.status === "anonymous") {
    if (path === SIGN_IN_PATH) {
      content = (
        <SignInPage
          key={auth.noticeKey ?? auth.errorCode ?? "sign-in"}
          signIn={(username, password) => client.login(username, password)}
          onSignedIn={handleSignedIn}
          noticeKey={auth.noticeKey}
          initialErrorCode={auth.errorCode}
        />
      );
    }
  } else if (user && path !== "/" && path !== SIGN_IN_PATH) {
    const page = pageForPath(path);
    if (!page) content = <NotFoundPage userRole={user.role} />;
    else if (!isAllowed(user.role, page)) content = <NotAvailablePage userRole={user.role} />;
    else {
      const Feature = FEATURE_PAGES[page];
      content = Feature ? (
        <Feature key={page} user={user} path={path} />
      ) : (
        <PlaceholderPage key={page} page={page} userRole={user.role} />
      );
    }
  }

  return (
    <AppShell
      language={language}
      onLanguageChange={(next) => void handleLanguageChange(next)}
      user={user}
      currentPath={path}
      onSignOut={() => void handleSignOut()}
      signingOut={signingOut}
      notice={
        languageSaveFailed ? (
          <Alert type="warning" role="status">
            <Paragraph>{t("language.saveFailed")}</Paragraph>
          </Alert>
        ) : null
      }
    >
      {content}
    </AppShell>
  );
}
