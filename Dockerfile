# Builds the TransitionNet server image from this repository:
#   docker build -t transitionnet/server .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY server server
COPY ig ig
COPY profiles profiles
COPY mappings mappings
COPY tools tools
RUN ./mvnw -B -ntp -pl server -am -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /app transitionnet
WORKDIR /app
COPY --from=build /src/server/target/transitionnet-server-*.jar /app/transitionnet-server.jar
USER transitionnet
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/transitionnet-server.jar"]
