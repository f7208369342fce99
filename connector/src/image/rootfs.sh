#!/usr/bin/env bash
# Assembles the base file system of Deskpilot's container image without a Docker daemon or a registry:
#   - a Java runtime cut down with jlink from the build's own JDK (21+), under /opt/java;
#   - the few shared libraries that runtime and the ONNX embedding model need (glibc, libgcc_s, libstdc++, zlib),
#     copied from the build machine's packages (their versions are listed in /usr/share/deskpilot/base-packages.txt);
#   - /etc/passwd and /etc/group naming the non-root user 65532 the image runs as, /tmp and the data directory.
# Jib puts the application's layers on top of this (connector/pom.xml, profile "image").
# Usage: rootfs.sh OUTPUT_DIR   (re-running with the same JDK and script reuses the output)
set -euo pipefail

out="${1:?usage: rootfs.sh OUTPUT_DIR}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ "$(uname -s)" = Linux ] || { echo "rootfs.sh: the image is built on Linux only (found $(uname -s))" >&2; exit 2; }
[ -x "$java_home/bin/jlink" ] || { echo "rootfs.sh: no jlink in $java_home: set JAVA_HOME to a JDK 21 or newer" >&2; exit 2; }

stamp="$(sha256sum "$0" | cut -c1-16)-$("$java_home/bin/java" -version 2>&1 | head -1 | tr -dc 'A-Za-z0-9.')"
if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ]; then
  echo "rootfs.sh: $out is up to date"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"

# --- the Java runtime: Java SE plus what the service uses beyond it (Unsafe for Caffeine/Lucene, the Vector API for
# Lucene's vector search, JMX/process metrics for the actuator, DNS for JNDI lookups, JFR for diagnostics).
"$java_home/bin/jlink" \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.incubator.vector,jdk.management,jdk.naming.dns,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.jfr \
  --include-locales=en,de,fr,es \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
  --output "$out/opt/java"
# jlink links the licence files of each module to java.base's: make them plain files (the image holds no symlinks)
find "$out/opt/java" -type l | while read -r link; do cp --remove-destination "$(readlink -f "$link")" "$link"; done

# --- shared libraries, copied as files (no symlinks), found through the machine's dynamic linker cache
lib="$out/lib/x86_64-linux-gnu"
mkdir -p "$lib" "$out/lib64"
find_lib() {
  local name="$1" path
  path="$(ldconfig -p | awk -v n="$name" '$1 == n && /x86-64/ { print $NF; exit }')"
  [ -n "$path" ] || { echo "rootfs.sh: $name not found on this machine (ldconfig -p)" >&2; exit 2; }
  readlink -f "$path"
}
for name in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libresolv.so.2 libnss_files.so.2 libnss_dns.so.2 \
            libgcc_s.so.1 libstdc++.so.6 libz.so.1; do
  cp "$(find_lib "$name")" "$lib/$name"
done
loader="$(readlink -f /lib64/ld-linux-x86-64.so.2)"
cp "$loader" "$lib/ld-linux-x86-64.so.2"
cp "$loader" "$out/lib64/ld-linux-x86-64.so.2"

# --- users, name service, library path
mkdir -p "$out/etc" "$out/tmp" "$out/var/lib/deskpilot" "$out/usr/share/deskpilot"
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:deskpilot:/var/lib/deskpilot:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"
printf '/lib/x86_64-linux-gnu\n' > "$out/etc/ld.so.conf"

# --- provenance: which packages those libraries came from
if command -v dpkg-query >/dev/null 2>&1; then
  for f in "$lib"/*; do
    dpkg -S "$(basename "$f")" 2>/dev/null | head -1 | cut -d: -f1 || true
  done | sort -u | xargs -r dpkg-query -W -f '${Package} ${Version}\n' > "$out/usr/share/deskpilot/base-packages.txt"
fi
"$java_home/bin/java" -version 2>&1 | head -1 > "$out/usr/share/deskpilot/java-version.txt"

echo "$stamp" > "$out/.stamp"
echo "rootfs.sh: $(du -sh "$out" | cut -f1) in $out (Java runtime from $java_home)"
