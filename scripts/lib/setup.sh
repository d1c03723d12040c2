# Shared by run-kiosk, run-tests and run-bench: install what is missing, build the venv.
# Sourced, not run. Idempotent: a second run installs nothing and starts at once.

# What Kivy's wheel needs from the system (it bundles SDL2 but loads GL and X11 at run time).
KIOSK_APT_PACKAGES=(python3-venv python3-dev libgl1 libgl1-mesa-dri libegl1 libx11-6 libxext6
  libxrender1 libxrandr2 libxcursor1 libxi6 libxinerama1 libxss1 libxxf86vm1 libmtdev1
  fonts-dejavu-core espeak-ng)

apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_venv() {
  # $1: what to install, e.g. "." or ".[test]". Reinstalls only when pyproject.toml changed.
  local extras="$1" stamp=".venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)-${1//[^a-z]/}"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  if [ ! -e "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e "$extras"
    touch "$stamp"
  fi
}
