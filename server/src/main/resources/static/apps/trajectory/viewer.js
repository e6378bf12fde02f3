// The trajectory viewer: launches standalone against the FHIR server it is served from, then charts the
// selected patient's Patient/{id}/$trajectory.
'use strict';

(async () => {
  const status = document.getElementById('status');
  const fhirBase = window.location.origin + '/fhir';
  const query = new URLSearchParams(window.location.search);
  try {
    const session = await SmartLaunch.completeIfReturning() || SmartLaunch.restore(fhirBase);
    if (!session) {
      status.textContent = 'Redirecting to sign in…';
      await SmartLaunch.authorize({
        fhirBase,
        clientId: query.get('client_id') || 'trajectory-viewer',
        scope: 'launch/patient openid fhirUser patient/Observation.rs patient/Patient.rs',
        redirectUri: window.location.origin + window.location.pathname
      });
      return;
    }
    if (!session.patient) {
      throw new Error('The token carries no patient context');
    }
    status.textContent = 'Loading trajectory of Patient/' + session.patient + '…';
    const response = await fetch(session.fhirBase + '/Patient/' + encodeURIComponent(session.patient) + '/$trajectory', {
      headers: { Authorization: 'Bearer ' + session.accessToken, Accept: 'application/fhir+json' }
    });
    if (response.status === 401) {
      SmartLaunch.forget();
      throw new Error('The session has expired: reload the page to sign in again');
    }
    if (!response.ok) {
      throw new Error('$trajectory failed: HTTP ' + response.status);
    }
    const parameters = await response.json();
    const data = TrajectoryChart.draw(document.getElementById('charts'), parameters);
    const disclaimer = (parameters.parameter || []).find(p => p.name === 'disclaimer');
    if (disclaimer && disclaimer.valueString) {
      document.getElementById('disclaimer').textContent = disclaimer.valueString;
    }
    status.textContent = 'Patient/' + session.patient + ': ' + data.variables.length + ' state variables, '
      + data.interventions.length + ' interventions, ' + data.transitions.length + ' transitions';
    document.body.dataset.rendered = 'true';
  } catch (error) {
    status.textContent = error.message;
    document.body.dataset.error = error.message;
  }
})();
