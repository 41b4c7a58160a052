/* seg-chart-export.c — any chart to PNG, SVG or PDF, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-export.h"
#include "seg-error.h"
#include "seg-publish.h"

/* cairo's image surfaces stop at 32767 pixels a side. */
#define MAX_SIDE 32767.0

gboolean
seg_chart_format_from_string (const char     *str,
                              SegChartFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (str, "png") == 0)
    *format = SEG_CHART_FORMAT_PNG;
  else if (g_ascii_strcasecmp (str, "svg") == 0)
    *format = SEG_CHART_FORMAT_SVG;
  else if (g_ascii_strcasecmp (str, "pdf") == 0)
    *format = SEG_CHART_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

gboolean
seg_chart_format_from_path (const char     *path,
                            SegChartFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL && format != NULL, FALSE);

  dot = strrchr (path, '.');
  return dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL &&
         seg_chart_format_from_string (dot + 1, format);
}

const char *
seg_chart_format_to_string (SegChartFormat format)
{
  switch (format)
    {
    case SEG_CHART_FORMAT_SVG: return "svg";
    case SEG_CHART_FORMAT_PDF: return "pdf";
    case SEG_CHART_FORMAT_PNG:
    default: return "png";
    }
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
create_surface (SegChartFormat  format,
                double          width,
                double          height,
                GByteArray     *out)
{
  cairo_surface_t *s;

  switch (format)
    {
    case SEG_CHART_FORMAT_SVG:
      s = cairo_svg_surface_create_for_stream (append_to_array, out, width, height);
      cairo_svg_surface_set_document_unit (s, CAIRO_SVG_UNIT_PX);
      return s;
    case SEG_CHART_FORMAT_PDF:
      s = cairo_pdf_surface_create_for_stream (append_to_array, out, width, height);
      cairo_pdf_surface_set_metadata (s, CAIRO_PDF_METADATA_CREATOR, "Segmenta");
      return s;
    case SEG_CHART_FORMAT_PNG:
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
    }
}

static gboolean
check_size (double   width,
            double   height,
            GError **error)
{
  if (!(width >= 1 && width <= MAX_SIDE && height >= 1 && height <= MAX_SIDE))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("A chart must be between 1 and %d units wide and high, not %g × %g."),
                   (int) MAX_SIDE, width, height);
      return FALSE;
    }
  return TRUE;
}

GBytes *
seg_chart_export_bytes (SegChartFormat    format,
                        double            width,
                        double            height,
                        SegChartDrawFunc  draw,
                        gpointer          user_data,
                        GError          **error)
{
  g_autoptr(GByteArray) out = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (draw != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_size (width, height, error))
    return NULL;
  out = g_byte_array_new ();
  surface = create_surface (format, width, height, out);
  cr = cairo_create (surface);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == SEG_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_to_array, out);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_FAILED, _("Could not draw the chart: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
seg_chart_export (const char       *path,
                  SegChartFormat    format,
                  double            width,
                  double            height,
                  SegChartDrawFunc  draw,
                  gpointer          user_data,
                  GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL && draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = seg_chart_export_bytes (format, width, height, draw, user_data, error);
  if (bytes == NULL)
    return FALSE;
  return seg_publish_file (path, bytes, error);
}

gboolean
seg_chart_export_publish (SegPublish       *pub,
                          const char       *name,
                          SegChartFormat    format,
                          double            width,
                          double            height,
                          SegChartDrawFunc  draw,
                          gpointer          user_data,
                          GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (pub != NULL && name != NULL && draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = seg_chart_export_bytes (format, width, height, draw, user_data, error);
  if (bytes == NULL)
    return FALSE;
  return seg_publish_add (pub, name, bytes, error);
}
