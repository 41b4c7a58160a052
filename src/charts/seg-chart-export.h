/* seg-chart-export.h — any chart to PNG, SVG or PDF, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "seg-publish.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_CHART_FORMAT_PNG,
  SEG_CHART_FORMAT_SVG,
  SEG_CHART_FORMAT_PDF,
} SegChartFormat;

/* Draws a chart of @width × @height user-space units (PNG pixels, SVG px,
 * PDF points) on @cr. */
typedef void (*SegChartDrawFunc) (cairo_t  *cr,
                                  double    width,
                                  double    height,
                                  gpointer  user_data);

/* "png", "svg", "pdf" (any case). */
gboolean seg_chart_format_from_string (const char     *str,
                                       SegChartFormat *format);
/* From the file name's extension. */
gboolean seg_chart_format_from_path   (const char     *path,
                                       SegChartFormat *format);
const char *seg_chart_format_to_string (SegChartFormat format);

/* Renders @draw into memory in @format (e.g. PNG bytes for the clipboard).
 * Returns: (transfer full): the file contents, or NULL with @error set. */
GBytes  *seg_chart_export_bytes       (SegChartFormat    format,
                                       double            width,
                                       double            height,
                                       SegChartDrawFunc  draw,
                                       gpointer          user_data,
                                       GError          **error);

/* Renders @draw and writes @path atomically with seg_publish_file(): the
 * data go to a temporary file in the same (existing) folder, are synced and
 * then replace @path, so a crash never leaves a half-written file over an
 * old one.  Errors are SEG_ERROR_IO (cannot write) or
 * SEG_ERROR_INVALID_INPUT (bad size). */
gboolean seg_chart_export             (const char       *path,
                                       SegChartFormat    format,
                                       double            width,
                                       double            height,
                                       SegChartDrawFunc  draw,
                                       gpointer          user_data,
                                       GError          **error);

/* Renders @draw and adds it to @pub as @name (see seg-publish.h); nothing
 * is in place before seg_publish_commit(). */
gboolean seg_chart_export_publish     (SegPublish       *pub,
                                       const char       *name,
                                       SegChartFormat    format,
                                       double            width,
                                       double            height,
                                       SegChartDrawFunc  draw,
                                       gpointer          user_data,
                                       GError          **error);

G_END_DECLS
