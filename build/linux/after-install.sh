#!/bin/bash
# deb post-install. Replaces electron-builder's default script, so it does that script's work too:
# the app's launcher in /usr/bin, the setuid sandbox helper where unprivileged user namespaces
# are off, the desktop and MIME databases (for the *.peerplan.json association). Then the
# `peerplan` command line (build/linux/peerplan), as VS Code installs `code`.
set -e
APP_DIR='/opt/Peerplan'
ln -sf "$APP_DIR/peerplan-desktop" /usr/bin/peerplan-desktop
ln -sf "$APP_DIR/resources/bin/peerplan" /usr/bin/peerplan
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true 2>/dev/null; }; then
  chmod 4755 "$APP_DIR/chrome-sandbox" || true
fi
if hash update-mime-database 2>/dev/null; then update-mime-database /usr/share/mime || true; fi
if hash update-desktop-database 2>/dev/null; then update-desktop-database /usr/share/applications || true; fi
