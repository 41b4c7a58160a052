/* seg-test-charts-pch.h — the precompiled header of the charts' test
 * programs: those of seg-test-pch.h, and cairo and pango, which the
 * charts' headers bring in.  See seg-test-pch.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>
