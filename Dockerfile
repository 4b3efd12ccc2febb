# Build the WAR, then run it on the official Open Liberty image (full profile, Java 21: the DTLS
# handshakes run on virtual threads).
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
RUN mvn -B -q -DskipTests package

FROM openliberty/open-liberty:full-java21-openj9-ubi-minimal
COPY --chown=1001:0 liberty/config/server.xml /config/server.xml
COPY --chown=1001:0 liberty/config/jvm.options /config/jvm.options
COPY --chown=1001:0 --from=build /src/target/beam.war /config/apps/beam.war
COPY --chown=1001:0 bin/raise-nofile /opt/beam/raise-nofile
# Signaling and pages over HTTP and HTTPS (9443, a self-signed development certificate unless
# HTTPS_KEYSTORE names a real one); /health and /metrics on the management port; all media over one
# UDP port, and the same number on TCP for browsers that cannot reach it over UDP (ICE over TCP).
# Publish them, the media ones with "/udp" and "/tcp", and tell the server the address browsers
# reach it at:
#   docker run -p 9080:9080 -p 9443:9443 -p 127.0.0.1:9081:9081 -p 10000:10000/udp -p 10000:10000/tcp -e MEDIA_ANNOUNCED_IP=<host address> beam
EXPOSE 9080 9443 9081 10000/udp 10000/tcp
RUN configure.sh
# Docker's own health state follows readiness: the media port bound and signaling able to take a
# client (the image is UBI minimal, which has curl).
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:9081/health/ready || exit 1
# The descriptor limit goes up to the container's hard limit before the server starts (raise it
# further with docker run --ulimit nofile=65536:65536); HTTP connections are capped at
# HTTP_MAX_CONNECTIONS (4000) by server.xml, well below it.
CMD ["/opt/beam/raise-nofile", "/opt/ol/wlp/bin/server", "run", "defaultServer"]
