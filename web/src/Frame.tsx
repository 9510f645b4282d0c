import { useQueryClient } from "@tanstack/react-query";
import { Outlet, useRouteContext, useRouterState } from "@tanstack/react-router";
import { Alert, Paragraph } from "@utrecht/component-library-react";
import { type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type User } from "./api";
import { AppShell, MAIN_ID } from "./components/AppShell";
import { currentLanguage, type Language } from "./i18n";
import { createLanguageSaver } from "./language-sync";
import { navigate } from "./links";
import { homePathFor, isAllowed, pageForPath, SIGN_IN_PATH } from "./navigation";
import { ChangePasswordPage } from "./pages/ChangePasswordPage";
import { SignInPage } from "./pages/SignInPage";
import { type RouterContext, SESSION_KEY } from "./router";
import { SessionProvider } from "./session";

type AuthState =
  | { status: "loading" }
  | { status: "anonymous"; noticeKey?: string; errorCode?: string }
  | { status: "signed-in"; user: User };

function Loading() {
  const { t } = useTranslation();
  return (
    <Paragraph role="status" className="opvang-loading">
      {t("app.loading")}
    </Paragraph>
  );
}

/**
 * The root route: the shell around every page, the session (sign-in, sign-out, the user's
 * language) and where a path leads: signed out, every page leads to sign-in (and back after
 * it); signed in, the root and sign-in lead to the role's first page.
 */
export function Frame() {
  const { t, i18n } = useTranslation();
  const { client } = useRouteContext({ from: "__root__" }) as RouterContext;
  const queryClient = useQueryClient();
  const path = useRouterState({ select: (state) => state.location.pathname });
  const resolvedPath = useRouterState({ select: (state) => state.resolvedLocation?.pathname });
  const language = currentLanguage(i18n);
  const [auth, setAuth] = useState<AuthState>({ status: "loading" });
  const [signingOut, setSigningOut] = useState(false);
  const [languageSaveFailed, setLanguageSaveFailed] = useState(false);
  // Shown on the first page after the user chose their own password, until they move on.
  const [passwordSavedAt, setPasswordSavedAt] = useState<string | null>(null);
  const returnTo = useRef<string | null>(null);
  // The page first opened keeps the browser's focus (the skip link is the first stop).
  const lastPath = useRef<string | undefined>(path);
  // The user's language choices, saved one at a time so that the last one holds.
  const [languages] = useState(() =>
    createLanguageSaver({
      save: (language) => client.setLanguage(language),
      onSaved: (language) =>
        setAuth((current) =>
          current.status === "signed-in"
            ? { ...current, user: { ...current.user, language } }
            : current,
        ),
      onFailed: () => setLanguageSaveFailed(true),
    }),
  );

  // useTranslation answers a new i18n object after every language change: read the latest
  // through a ref, so that the session check below does not run again (a GET
  // /api/auth/me answering with the language before the change) on each switch.
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;

  /**
   * After sign-in the language stored with the user wins over the browser's choice, unless
   * the user chose one after the request went out (`since`, languages.mark()) or a choice
   * of theirs has not reached the server yet.
   */
  const adoptUser = useCallback(
    (user: User, since?: number) => {
      const i18next = i18nRef.current;
      const language = languages.adopt(user, currentLanguage(i18next), since);
      if (language !== currentLanguage(i18next)) void i18next.changeLanguage(language);
      const adopted = { ...user, language };
      queryClient.setQueryData(SESSION_KEY, adopted);
      setAuth({ status: "signed-in", user: adopted });
    },
    [queryClient, languages],
  );

  useEffect(() => {
    let cancelled = false;
    const since = languages.mark();
    client.me().then(
      (user) => {
        if (cancelled) return;
        if (user) adoptUser(user, since);
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
  }, [client, adoptUser, languages]);

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
    if (resolvedPath === undefined || lastPath.current === resolvedPath) return;
    lastPath.current = resolvedPath;
    let tries = 0;
    const focus = () => {
      const title = document.querySelector<HTMLElement>(`#${MAIN_ID} h1`);
      if (title) title.focus();
      else if (tries++ < 20) requestAnimationFrame(focus);
    };
    focus();
  }, [resolvedPath]);

  const handleSignedIn = useCallback(
    async (signedIn: User) => {
      const wanted = returnTo.current;
      returnTo.current = null;
      const since = languages.mark();
      // Sign-in answers the user; their permissions come with /api/auth/me.
      let user = signedIn;
      try {
        user = (await client.me()) ?? signedIn;
      } catch {
        // Without permissions the pages offer only reading; a reload asks again.
      }
      const page = wanted ? pageForPath(wanted) : null;
      adoptUser(user, since);
      navigate(wanted && page && isAllowed(user.role, page) ? wanted : homePathFor(user.role), {
        replace: true,
      });
    },
    [adoptUser, client, languages],
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
    languages.reset();
    setPasswordSavedAt(null);
    returnTo.current = null;
    queryClient.clear();
    queryClient.setQueryData(SESSION_KEY, null);
    setAuth({ status: "anonymous", noticeKey: "signIn.signedOut" });
    navigate(SIGN_IN_PATH);
  }, [client, queryClient, languages]);

  const handleLanguageChange = useCallback(
    async (next: Language) => {
      setLanguageSaveFailed(false);
      // Counted before the page changes, so a GET /api/auth/me on its way cannot undo it.
      languages.choose(next);
      await i18n.changeLanguage(next); // also writes localStorage and <html lang>
    },
    [i18n, languages],
  );

  const user = auth.status === "signed-in" ? auth.user : null;

  useEffect(() => {
    if (passwordSavedAt !== null && resolvedPath !== undefined && resolvedPath !== passwordSavedAt)
      setPasswordSavedAt(null);
  }, [passwordSavedAt, resolvedPath]);

  let content: ReactNode = null;
  if (auth.status === "loading") {
    content = <Loading />;
  } else if (auth.status === "anonymous") {
    if (path === SIGN_IN_PATH) {
      content = (
        <SignInPage
          key={auth.noticeKey ?? auth.errorCode ?? "sign-in"}
          signIn={(username, password) => client.login(username, password)}
          onSignedIn={(signedIn) => void handleSignedIn(signedIn)}
          noticeKey={auth.noticeKey}
          initialErrorCode={auth.errorCode}
        />
      );
    }
  } else if (user?.mustChangePassword) {
    // A one-time password from an administrator: the user chooses their own before any page.
    content = (
      <ChangePasswordPage
        changePassword={(current, next) => client.changePassword(current, next)}
        onChanged={(changed) => {
          setPasswordSavedAt(resolvedPath ?? path);
          adoptUser({ ...changed, permissions: user.permissions, mustChangePassword: false });
        }}
      />
    );
  } else if (user && path !== "/" && path !== SIGN_IN_PATH) {
    content = (
      <SessionProvider user={user}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </SessionProvider>
    );
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
        ) : passwordSavedAt !== null ? (
          <Alert type="ok" role="status" data-testid="password-saved">
            <Paragraph>{t("changePassword.saved")}</Paragraph>
          </Alert>
        ) : null
      }
    >
      {content}
    </AppShell>
  );
}
