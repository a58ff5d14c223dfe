# hd in a container image, for CI systems that run their jobs in images.
#
#   docker build -t hd --build-arg HD_GIT_DESCRIBE="$(git describe --tags --always --dirty)" .
#   docker run --rm -v "$PWD:/desk" hd report --check
#
# Two stages: hd is built on Debian 12 with the packages of
# `scripts/deps.sh --build`; the image is debian:12-slim with those of
# `scripts/deps.sh --runtime` (the shared libraries, git, ca-certificates,
# tzdata) and the files `cmake --install` puts under /usr. Both lists live
# in scripts/deps.sh alone; tests/e2e/test_container.sh checks that each
# stage installs its group and nothing else.

FROM debian:12 AS build
COPY scripts/deps.sh /src/scripts/deps.sh
RUN bash /src/scripts/deps.sh --build && rm -rf /var/lib/apt/lists/*
COPY . /src
# The context has no .git (see .dockerignore): say what it was built from.
ARG HD_GIT_DESCRIBE=
ARG HD_GIT_COMMIT=
RUN cmake -S /src -B /build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
        -DHD_GIT_DESCRIBE="$HD_GIT_DESCRIBE" -DHD_GIT_COMMIT="$HD_GIT_COMMIT" && \
    cmake --build /build -j"$(nproc)" && \
    DESTDIR=/staging cmake --install /build --prefix /usr --strip

FROM debian:12-slim AS runtime
COPY scripts/deps.sh /tmp/deps.sh
RUN bash /tmp/deps.sh --runtime && rm -rf /var/lib/apt/lists/* /tmp/deps.sh
COPY --from=build /staging/ /
# CI mounts checkouts that belong to another user than the job's; git and
# libgit2 refuse to work in those unless told they are safe.
RUN git config --system --add safe.directory '*'
WORKDIR /desk
ENTRYPOINT ["hd"]
CMD ["--help"]
