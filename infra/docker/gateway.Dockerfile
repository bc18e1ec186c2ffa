# syntax=docker/dockerfile:1.19
# Image of the gateway service. Build from the workspace root (see docs/images.md):
#   docker build -f infra/docker/gateway.Dockerfile -t lms/gateway:$VERSION .

FROM golang:1.26.8-trixie AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=cache,target=/go/pkg/mod \
    sh infra/docker/build.sh ./gateway/cmd/gateway /out/gateway

# glibc (for cgo and librdkafka), CA certificates and tzdata; no shell, no package manager.
FROM gcr.io/distroless/base-debian13:nonroot
COPY --from=build /out/gateway /usr/local/bin/gateway
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/gateway"]
