/* seg-ui-pch.h — the precompiled header of the ui library
 *
 * libadwaita's and GTK's headers take about 0.7 s of CPU to read, most of
 * the compile of a ui file; meson builds them once for the library and puts
 * this file before each of its sources (c_pch in src/ui/meson.build).
 * GLib defines G_LOG_DOMAIN (as NULL) when a file has not yet done so; each
 * ui file sets its own after this header, so it is undefined again here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gi18n.h>

#undef G_LOG_DOMAIN
