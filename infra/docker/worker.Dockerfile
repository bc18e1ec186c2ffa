# syntax=docker/dockerfile:1.19
# Image of the Temporal workflow worker. Build from the workspace root (see docs/images.md):
#   docker build -f infra/docker/worker.Dockerfile -t lms/worker:$VERSION .

FROM golang:1.26.8-trixie AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=cache,target=/go/pkg/mod \
    sh infra/docker/build.sh ./workflows/cmd/worker /out/worker

# glibc (for cgo and librdkafka), CA certificates and tzdata; no shell, no package manager.
FROM gcr.io/distroless/base-debian13:nonroot
COPY --from=build /out/worker /usr/local/bin/worker
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/worker"]
