/* seg-test-pch.h — the precompiled header of the engine's, the CLI's and
 * the fuzz targets' test programs
 *
 * The system headers that every test program reads through the engine's
 * headers and its own includes, read once per build instead of once per
 * test program (about two thirds of a test file's compile was reading
 * them).  Each test directory compiles its programs' objects in one
 * static library with c_pch (tests/meson.build, seg_test_objects), and
 * each program links its own object from it.
 *
 * Unlike the libraries' precompiled headers, G_LOG_DOMAIN keeps GLib's
 * default: no test program sets one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
