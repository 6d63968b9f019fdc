#!/bin/sh
# Installs the DasOps node emulator into a WSO2 DAS 3.2.0 / IS Analytics 5.5.0 or SP 4.4.0 product home (lab use only).
#
#   install-into-home.sh <product-home>
#
# Replaces <product-home>/bin/wso2server.sh with the emulator launcher, keeping every block of the existing
# script delimited by "# BEGIN DasOps managed" ... "# END DasOps managed" (DasOps puts "export CARBON_HOME=..."
# there for RedHat nodes); the block goes right before "# Only set CARBON_HOME if not already set", where DasOps
# inserts it. Adds bin/load-spark-env-vars.sh if the home has none.
#
# Emulator binaries: $DASOPS_EMULATOR_DIR if set, else the directory holding this script (the output of
# "dotnet publish tests/DasOps.NodeEmulator -c Release -o <dir>" contains this script beside DasOps.NodeEmulator.dll);
# run from the source tree, it falls back to publish/, bin/Release/net10.0/publish/ or bin/Release/net10.0/ beside it.
# Product flavour: $DASOPS_EMULATOR_PRODUCT (das | is-analytics), else detected from carbon.xml's <Name>.
set -eu

PRODUCT_HOME=${1:?usage: install-into-home.sh <product-home>}
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
if [ -n "${DASOPS_EMULATOR_DIR:-}" ]; then
  EMULATOR_DIR=$DASOPS_EMULATOR_DIR
else
  # The publish output holds this script; from the source tree, look for a publish/build output beside it.
  EMULATOR_DIR=$SCRIPT_DIR
  for candidate in "$SCRIPT_DIR/publish" "$SCRIPT_DIR/bin/Release/net10.0/publish" "$SCRIPT_DIR/bin/Release/net10.0"; do
    if [ ! -f "$EMULATOR_DIR/DasOps.NodeEmulator.dll" ] && [ -f "$candidate/DasOps.NodeEmulator.dll" ]; then
      EMULATOR_DIR=$candidate
    fi
  done
fi
EMULATOR_DIR=$(cd "$EMULATOR_DIR" && pwd)

# Launcher files: beside this script (publish output), in Launcher/ (source tree), or in the binaries directory.
find_template() {
  for candidate in "$SCRIPT_DIR/$1" "$SCRIPT_DIR/Launcher/$1" "$EMULATOR_DIR/$1"; do
    if [ -f "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  echo "install-into-home.sh: $1 not found beside $SCRIPT_DIR or in $EMULATOR_DIR" >&2
  return 1
}

if [ ! -f "$EMULATOR_DIR/DasOps.NodeEmulator.dll" ]; then
  echo "install-into-home.sh: $EMULATOR_DIR/DasOps.NodeEmulator.dll not found (set DASOPS_EMULATOR_DIR to the publish output)" >&2
  exit 1
fi
if [ ! -d "$PRODUCT_HOME" ]; then
  echo "install-into-home.sh: product home $PRODUCT_HOME does not exist" >&2
  exit 1
fi

DOTNET=$(command -v dotnet || true)
[ -n "$DOTNET" ] || DOTNET=/usr/bin/dotnet

# A WSO2 SP 4.x home (conf/<runtime>/deployment.yaml): each manager/worker runtime gets the emulator's carbon.sh
# in wso2/<runtime>/bin, and bin/<runtime>.sh is written only when the home has none (the stock one just runs
# that carbon.sh). It also puts the JDK 1.8 stand-in (java.in) at $EMULATOR_DIR/jdk1.8.0-emulated/bin/java for the
# stock bin/jartobundle.sh. DAS homes take the branch below, unchanged.
if [ -f "$PRODUCT_HOME/conf/manager/deployment.yaml" ] || [ -f "$PRODUCT_HOME/conf/worker/deployment.yaml" ]; then
  SP_TEMPLATE=$(find_template sp-carbon.sh.in)
  installed=""
  for runtime in manager worker; do
    [ -f "$PRODUCT_HOME/conf/$runtime/deployment.yaml" ] || continue
    mkdir -p "$PRODUCT_HOME/wso2/$runtime/bin" "$PRODUCT_HOME/bin"
    tmp="$PRODUCT_HOME/wso2/$runtime/bin/.carbon.sh.dasops"
    sed -e "s|@EMULATOR_DIR@|$EMULATOR_DIR|g" -e "s|@DOTNET@|$DOTNET|g" "$SP_TEMPLATE" > "$tmp"
    chmod 755 "$tmp"
    mv -f "$tmp" "$PRODUCT_HOME/wso2/$runtime/bin/carbon.sh"
    if [ ! -f "$PRODUCT_HOME/bin/$runtime.sh" ]; then
      printf '#!/bin/sh\n# Runs this runtime the way the stock SP 4.4.0 bin/%s.sh does.\nPRGDIR=`dirname "$0"`\n[ -z "$CARBON_HOME" ] && CARBON_HOME=`cd "$PRGDIR/.." ; pwd`\n"$CARBON_HOME/wso2/%s/bin/carbon.sh" $*\n' \
        "$runtime" "$runtime" > "$PRODUCT_HOME/bin/$runtime.sh"
    fi
    chmod 755 "$PRODUCT_HOME/bin/$runtime.sh"
    installed="$installed $runtime"
  done
  # The JDK 1.8 stand-in that bin/jartobundle.sh needs (JAVA_HOME=$EMULATOR_DIR/jdk1.8.0-emulated): one per
  # binaries directory, shared by every home. Homes are installed in parallel, so each writes a temp file and mv's it.
  JAVA_TEMPLATE=$(find_template java.in)
  JDK_DIR="$EMULATOR_DIR/jdk1.8.0-emulated"
  mkdir -p "$JDK_DIR/bin"
  chmod 755 "$JDK_DIR" "$JDK_DIR/bin"
  tmp=$(mktemp "$JDK_DIR/bin/.java.XXXXXX")
  sed -e "s|@EMULATOR_DIR@|$EMULATOR_DIR|g" -e "s|@DOTNET@|$DOTNET|g" "$JAVA_TEMPLATE" > "$tmp"
  chmod 755 "$tmp"
  mv -f "$tmp" "$JDK_DIR/bin/java"
  echo "DasOps node emulator (sp:$installed) installed into $PRODUCT_HOME (binaries: $EMULATOR_DIR, JDK 1.8 stand-in: $JDK_DIR)"
  exit 0
fi

PRODUCT=${DASOPS_EMULATOR_PRODUCT:-}
if [ -z "$PRODUCT" ]; then
  PRODUCT=das
  if grep -q '<Name>WSO2 Identity Server Analytics</Name>' "$PRODUCT_HOME/repository/conf/carbon.xml" 2>/dev/null; then
    PRODUCT=is-analytics
  fi
fi

TEMPLATE=$(find_template wso2server.sh.in)
mkdir -p "$PRODUCT_HOME/bin"
TARGET="$PRODUCT_HOME/bin/wso2server.sh"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Keep DasOps's managed block(s) from the current script.
: > "$WORK/block"
if [ -f "$TARGET" ]; then
  sed -n '/^# BEGIN DasOps managed/,/^# END DasOps managed/p' "$TARGET" > "$WORK/block"
fi

awk -v dir="$EMULATOR_DIR" -v dotnet="$DOTNET" -v product="$PRODUCT" -v blockfile="$WORK/block" '
  function repl(s, from, to,    i, out) {
    out = ""
    while ((i = index(s, from)) > 0) { out = out substr(s, 1, i - 1) to; s = substr(s, i + length(from)) }
    return out s
  }
  $0 == "# Only set CARBON_HOME if not already set" && !done {
    while ((getline line < blockfile) > 0) print line
    done = 1
  }
  { s = repl($0, "@EMULATOR_DIR@", dir); s = repl(s, "@DOTNET@", dotnet); print repl(s, "@PRODUCT@", product) }
' "$TEMPLATE" > "$WORK/wso2server.sh"

chmod 755 "$WORK/wso2server.sh"
mv -f "$WORK/wso2server.sh" "$TARGET"

if [ ! -f "$PRODUCT_HOME/bin/load-spark-env-vars.sh" ]; then
  SPARK_ENV=$(find_template load-spark-env-vars.sh.in)
  cp "$SPARK_ENV" "$PRODUCT_HOME/bin/load-spark-env-vars.sh"
  chmod 755 "$PRODUCT_HOME/bin/load-spark-env-vars.sh"
fi
echo "DasOps node emulator ($PRODUCT) installed into $PRODUCT_HOME (binaries: $EMULATOR_DIR)"
