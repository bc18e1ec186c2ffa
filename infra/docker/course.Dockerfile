# syntax=docker/dockerfile:1.19
# Image of the course service. Build from the workspace root (see docs/images.md):
#   docker build -f infra/docker/course.Dockerfile -t lms/course:$VERSION .

FROM golang:1.26.8-trixie AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=cache,target=/go/pkg/mod \
    sh infra/docker/build.sh ./course/cmd/course /out/course

# glibc (for cgo and librdkafka), CA certificates and tzdata; no shell, no package manager.
FROM gcr.io/distroless/base-debian13:nonroot
COPY --from=build /out/course /usr/local/bin/course
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/course"]
