# Builds the TransitionNet server image from this repository:
#   docker build -t transitionnet/server .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY catalogue catalogue
COPY server server
COPY ig ig
COPY profiles profiles
COPY mappings mappings
COPY tools tools
RUN ./mvnw -B -ntp -pl server -am -DskipTests package

FROM eclipse-temurin:17-jre
# The server runs as an unprivileged user that owns its working directory: ./data (the quick start's
# embedded PostgreSQL, H2 files) must be writable, and PostgreSQL refuses to run as root anyway.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /app transitionnet \
    && mkdir -p /app/data && chown -R transitionnet:transitionnet /app
WORKDIR /app
COPY --from=build --chown=transitionnet:transitionnet /src/server/target/transitionnet-server-*.jar /app/transitionnet-server.jar
USER transitionnet
VOLUME /app/data
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/transitionnet-server.jar"]
