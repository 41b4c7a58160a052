/* seg-test-ui-pch.h — the precompiled header of the window's test
 * programs: those of seg-test-charts-pch.h, and GTK and libadwaita, whose
 * headers are most of what a ui test file reads.  See seg-test-pch.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <cairo.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>
