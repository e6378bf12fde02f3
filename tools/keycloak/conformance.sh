#!/usr/bin/env bash
# SMART against a real Keycloak in one command: unpacks Keycloak's server distribution from Maven Central into
# server/target/keycloak (Maven's -Pkeycloak profile), starts it with this directory's realm and the packaged
# server against it, and runs KeycloakConformanceIT (Backend Services private_key_jwt -> $research-export,
# patient-scoped reads). Needs the test PostgreSQL as the other integration tests do. Extra arguments go to
# Maven, e.g. -o (offline once the zip is in ~/.m2) or -Dsushi.skip=true.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec ./mvnw -B -ntp -pl server -am verify -Pkeycloak \
  -Dit.test=KeycloakConformanceIT -Dtest=NoSuchTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@"
