# Sourced by ./compact: the JVM start-up cache for short commands.
#
# On JDK 25 or newer the launcher runs short commands from the jar's extracted layout (plain jars:
# the JDK's AOT cache cannot hold classes that Spring Boot's nested-jar loader loads) with an AOT
# cache (JEP 483/515: classes loaded and linked, method profiles) trained once per build on a fixed
# screening workload. Both live in the cache folder under jvm/, keyed by the jar's path, size and
# modification time, so a rebuilt jar gets a fresh cache and the old one is removed. On an older
# JDK, with COMPACT_CACHE=off, or when anything here fails, the command runs from the jar as before.

# jvm_cache ROOT JAR KIND JAVA_OPTS...: prints the java arguments that run JAR's CLI (one per line),
# preparing the extracted layout and the AOT cache first when they are missing or stale. KIND is
# "cli" (every short command: the cache trained on a local batch screening) or "client" (compact
# screen --server: a cache of the thin client alone, since a cache's classes are all loaded at start
# and the client needs none of the lists', the index's or ICU's).
jvm_cache() {
  local root=$1 jar=$2 kind=$3
  shift 3
  local cache path id dir major app name folder=. sum
  major=${JAVA_MAJOR:-$(java_major "$JAVA_HOME")}
  if [ "${COMPACT_CACHE:-}" = off ] || ! [ "$major" -ge 25 ] 2>/dev/null; then
    printf '%s\n' -jar "$jar"
    return 0
  fi
  # What follows runs before every short command's JVM: the shell's own expansions rather than
  # dirname, basename and cut, each a process of its own (the keys are the same as with them).
  # Where Compact keeps caches: the Java side uses the same rule (ListSnapshots).
  if [ -n "${COMPACT_CACHE_DIR:-}" ]; then
    cache=$COMPACT_CACHE_DIR/jvm
  else
    cache=${XDG_CACHE_HOME:-$HOME/.cache}/compact/jvm
  fi
  name=${jar##*/}
  case $jar in */*) folder=${jar%/*} ;; esac
  path="$(cd "${folder:-/}" && pwd)/$name"
  id=$(printf '%s' "$path" | cksum)
  id=${id%% *}
  # The JVM options too: an AOT cache trained under other module options (--enable-native-access) is refused whole.
  sum=$(printf '%s' "$path $(stat -c '%s %Y' "$jar") $JAVA_HOME $major $*" | cksum)
  dir="$cache/$id-${sum%% *}"
  # The extracted jar keeps the jar's own file name (a benchmark's jar need not be called compact.jar).
  app="$dir/app/$name"
  if [ ! -f "$app" ] && ! jvm_cache_extract "$jar" "$dir" "$cache" "$id"; then
    printf '%s\n' -jar "$jar"
    return 0
  fi
  # A training that failed once is not retried for this build; its log says why.
  local log=train.log
  [ "$kind" = cli ] || log=$kind-train.log
  if [ ! -f "$dir/$kind.aot" ] && [ ! -f "$dir/$log" ]; then
    jvm_cache_train "$root" "$dir" "$app" "$kind" "$log" "$@" || true
  fi
  if [ -f "$dir/$kind.aot" ]; then
    # The JVM checks the cache's header (its JDK, sizes and class path) at every start; a cache it
    # cannot use is skipped without a word (-Xlog off), as if there were none. Its CRC, a read of the
    # whole file (VerifySharedSpaces), is checked once, when the cache is made (jvm_cache_train):
    # at every start it cost the --server client 0.06-0.09 s of CPU, a tenth of its run.
    printf '%s\n' "-XX:AOTCache=$dir/$kind.aot" -Xlog:aot=off -Xlog:cds=off
  fi
  printf '%s\n' -jar "$app"
}

jvm_cache_extract() {
  local jar=$1 dir=$2 cache=$3 id=$4 tmp name
  name=$(basename "$jar")
  mkdir -p "$cache" 2>/dev/null || return 1
  # Layouts of earlier builds of this jar, unused for ten minutes (a run may still be reading one).
  find "$cache" -mindepth 1 -maxdepth 1 -name "$id-*" ! -path "$dir" -mmin +10 -exec rm -rf {} + 2>/dev/null
  tmp=$(mktemp -d "$cache/.extract-XXXXXX") || return 1
  if "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$tmp/app" >"$tmp/extract.log" 2>&1 \
      && [ -f "$tmp/app/$name" ]; then
    mkdir -p "$dir" && rm -f "$tmp/extract.log" && { mv -T "$tmp/app" "$dir/app" 2>/dev/null || true; }
  fi
  rm -rf "$tmp"
  [ -f "$dir/app/$name" ]
}

# Trains the AOT cache on a fixed workload, then writes it and checks it once. "cli": the batch
# screening of scripts/aot-training.csv (command line parsing, list snapshots, the index build, the
# matcher, CSV in and out). "client": the same file screened with --server, by the client in the
# recorded JVM, against a loopback stand-in of the service served by another JVM
# (ClientCacheTraining: the HTTP client, the JSON of the batch route, CSV in and out), without any
# list; the stand-in in the recorded JVM would put its own classes in the cache, which every run
# loads at start.
jvm_cache_train() {
  local root=$1 dir=$2 app=$3 kind=$4 log=$5 tmp
  shift 5
  tmp=$(mktemp -d "$dir/.train-XXXXXX") || return 1
  local record=("$JAVA_HOME/bin/java" "$@" -XX:AOTMode=record -XX:AOTConfiguration="$tmp/$kind.aotconf" -Xlog:aot=off -Xlog:cds=off)
  local workload=("${record[@]}" -jar "$app" screen --batch "$root/scripts/aot-training.csv" --out "$tmp/out.csv")
  if [ "$kind" = client ]; then
    workload=("$JAVA_HOME/bin/java" -cp "$app" dev.compact.cli.ClientCacheTraining "$root/scripts/aot-training.csv" "$tmp"
      "${record[@]}" -jar "$app")
    echo "compact: preparing the JVM start-up cache of the --server client (once per build; seconds)..." >&2
  else
    echo "compact: preparing the JVM start-up cache (once per build; under a minute)..." >&2
  fi
  # The check after the cache is made: the JVM maps it with its CRC verified, or fails (AOTMode=on).
  if "${workload[@]}" >"$tmp/train.log" 2>&1 \
      && "$JAVA_HOME/bin/java" "$@" -XX:AOTMode=create -XX:AOTConfiguration="$tmp/$kind.aotconf" -XX:AOTCache="$tmp/$kind.aot" \
        -Xlog:aot=off -Xlog:cds=off -jar "$app" >>"$tmp/train.log" 2>&1 \
      && [ -s "$tmp/$kind.aot" ] \
      && "$JAVA_HOME/bin/java" "$@" -XX:AOTMode=on -XX:AOTCache="$tmp/$kind.aot" -XX:+VerifySharedSpaces \
        -jar "$app" --version >>"$tmp/train.log" 2>&1; then
    mv -f "$tmp/$kind.aot" "$dir/$kind.aot"
  else
    echo "compact: could not prepare the start-up cache (log: $dir/$log); running without it" >&2
    mv -f "$tmp/train.log" "$dir/$log" 2>/dev/null
  fi
  rm -rf "$tmp"
}
