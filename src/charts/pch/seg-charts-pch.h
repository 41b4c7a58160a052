/* seg-charts-pch.h — the precompiled header of the charts library
 *
 * The engine's headers bring in GIO and json-glib, and the charts add
 * cairo and pango: read once for the library (c_pch in
 * src/charts/meson.build) instead of once per file.  As in the engine's
 * (src/engine/pch/seg-engine-pch.h), G_LOG_DOMAIN is undefined again at
 * the end so that each file can set its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#undef G_LOG_DOMAIN
