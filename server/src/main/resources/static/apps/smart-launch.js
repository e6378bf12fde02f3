// SMART App Launch (standalone) for a public client: discovery, authorization code with PKCE (S256),
// token exchange. Keeps the in-flight launch and then the session (token, patient, expiry) in
// sessionStorage, as the fhirclient library does, so a reload of the tab needs no new launch; no external library.
// Shared by the apps under /apps/: each app keeps its own launch and session (keyed by its path).
'use strict';

const SmartLaunch = (() => {
  const APP = window.location.pathname.replace(/\/+$/, '');
  const KEY = 'transitionnet.launch:' + APP;
  const SESSION = 'transitionnet.session:' + APP;
  // A stored token is not used in its last seconds: the requests it is for must still find it valid.
  const EXPIRY_MARGIN_MS = 10000;

  function base64Url(bytes) {
    let text = '';
    bytes.forEach(b => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomString() {
    return base64Url(crypto.getRandomValues(new Uint8Array(32)));
  }

  async function challengeOf(verifier) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return base64Url(new Uint8Array(digest));
  }

  async function discover(fhirBase) {
    const response = await fetch(fhirBase + '/.well-known/smart-configuration', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error('SMART discovery failed: HTTP ' + response.status);
    }
    const configuration = await response.json();
    if (!configuration.authorization_endpoint || !configuration.token_endpoint) {
      throw new Error('This server announces no SMART authorization endpoint: the viewer needs an authorization server '
        + '(the quick start runs one; with an external issuer, configure its endpoints)');
    }
    return configuration;
  }

  /** Sends the browser to the authorization server. */
  async function authorize({ fhirBase, clientId, scope, redirectUri }) {
    const configuration = await discover(fhirBase);
    const verifier = randomString();
    const state = randomString();
    sessionStorage.setItem(KEY, JSON.stringify({
      fhirBase, clientId, redirectUri, verifier, state, tokenEndpoint: configuration.token_endpoint
    }));
    const parameters = new URLSearchParams({
      response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope, state, aud: fhirBase,
      code_challenge: await challengeOf(verifier), code_challenge_method: 'S256'
    });
    window.location.assign(configuration.authorization_endpoint + '?' + parameters.toString());
  }

  /** Completes the launch when the authorization server redirected back with a code; null otherwise. */
  async function completeIfReturning() {
    const query = new URLSearchParams(window.location.search);
    if (query.has('error')) {
      throw new Error('Authorization refused: ' + query.get('error') + ' ' + (query.get('error_description') || ''));
    }
    if (!query.has('code')) {
      return null;
    }
    const launch = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (!launch || launch.state !== query.get('state')) {
      throw new Error('Unexpected authorization response (state does not match)');
    }
    sessionStorage.removeItem(KEY);
    const response = await fetch(launch.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code: query.get('code'), redirect_uri: launch.redirectUri,
        client_id: launch.clientId, code_verifier: launch.verifier
      })
    });
    if (!response.ok) {
      throw new Error('Token request failed: HTTP ' + response.status);
    }
    const token = await response.json();
    window.history.replaceState({}, document.title, launch.redirectUri);
    const session = {
      fhirBase: launch.fhirBase, accessToken: token.access_token, patient: token.patient,
      expiresAt: Date.now() + 1000 * (token.expires_in || 300)
    };
    sessionStorage.setItem(SESSION, JSON.stringify(session));
    return session;
  }

  /** The session of an earlier launch in this tab while its token is valid; null otherwise. */
  function restore(fhirBase) {
    const session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
    if (!session || session.fhirBase !== fhirBase || !(session.expiresAt - EXPIRY_MARGIN_MS > Date.now())) {
      sessionStorage.removeItem(SESSION);
      return null;
    }
    return session;
  }

  /** Forgets the session, e.g. when the server no longer accepts its token. */
  function forget() {
    sessionStorage.removeItem(SESSION);
  }

  return { authorize, completeIfReturning, restore, forget };
})();
