# syntax=docker/dockerfile:1.19
# Image of the assessment service. Build from the workspace root (see docs/images.md):
#   docker build -f infra/docker/assessment.Dockerfile -t lms/assessment:$VERSION .

FROM golang:1.26.8-trixie AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=cache,target=/go/pkg/mod \
    sh infra/docker/build.sh ./assessment/cmd/assessment /out/assessment

# glibc (for cgo and librdkafka), CA certificates and tzdata; no shell, no package manager.
FROM gcr.io/distroless/base-debian13:nonroot
COPY --from=build /out/assessment /usr/local/bin/assessment
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/assessment"]
