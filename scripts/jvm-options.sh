# Sourced by the scripts that run the packaged service as its container would.
# image_jvm_options: the JVM options of the container image, i.e. the -X options of
# JAVA_OPTS_APPEND in docker/Dockerfile.jvm after those the image's start script
# (run-java.sh) adds. Needs REPO set to the repository's top.
image_jvm_options() {
    printf '%s ' -XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 \
        -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError
    sed -nE 's/^ENV JAVA_OPTS_APPEND="(.*)"$/\1/p' "$REPO/docker/Dockerfile.jvm" | tr ' ' '\n' | grep -E '^-X' | paste -sd' '
}
