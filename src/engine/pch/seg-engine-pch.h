/* seg-engine-pch.h — the precompiled header of the engine's tiers
 *
 * GIO's and json-glib's headers are most of what an engine file costs to
 * compile (about 0.3 s of CPU each, for files that take 0.3 to 0.7 s in
 * all); meson builds this once per tier and puts it before each of the
 * tier's sources (c_pch in each tier's meson.build).  It holds system and
 * GLib headers only, nothing of ours, so it cannot let a tier see another.
 * GLib defines G_LOG_DOMAIN (as NULL) when a file has not yet done so;
 * each engine file sets its own after this header, so it is undefined again
 * here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#undef G_LOG_DOMAIN
