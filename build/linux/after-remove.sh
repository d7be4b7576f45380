#!/bin/bash
# deb post-remove: the links after-install.sh made.
rm -f /usr/bin/peerplan /usr/bin/peerplan-desktop
