/* dashboard-test-util.h — pixel helpers shared by the dashboard chart tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <math.h>

#include "seg-dashboard.h"
#include "seg-test-util.h"

typedef struct
{
  guint  count;
  int    x0, y0, x1, y1;   /* bounding box */
} ColourBox;

static inline char *
sample_dir (void)
{
  return g_build_filename (seg_test_source_root (), "data", "samples", "fintech", NULL);
}

static inline guint32
opaque (SegRgba c)
{
  return 0xff000000u | ((guint32) round (c.r * 255) << 16) | ((guint32) round (c.g * 255) << 8)
         | (guint32) round (c.b * 255);
}

static inline cairo_surface_t *
render (SegChartKind          kind,
        const SegResult      *r,
        const SegChartParams *params,
        const SegChartStyle  *style,
        int                   w,
        int                   h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);

  seg_dashboard_render (kind, cr, w, h, r, params, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* What is under (x, y) in @kind drawn at w × h (hit->group is the segment
 * within params->colour_by), as a card hit-tests its prepared chart. */
static inline gboolean
hit_test (SegChartKind          kind,
          double                w,
          double                h,
          const SegResult      *r,
          const SegChartParams *params,
          const SegChartStyle  *style,
          double                x,
          double                y,
          SegChartHit          *hit)
{
  g_autoptr(SegChartPrepared) p = seg_dashboard_prepare (kind, r, params, style);

  return seg_chart_prepared_hit_test (p, w, h, x, y, hit);
}

static inline guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  return *(const guint32 *) (const void *) (data + (gsize) y * stride + 4 * (gsize) x);
}

/* The scans below read the surface's rows directly: pixel () per pixel, two
 * cairo calls each, made a 1600 × 1000 scan cost 0.1 s under ASan, and the
 * chart tests scan hundreds of images. */
static inline ColourBox
find_colour (cairo_surface_t *s,
             guint32          colour)
{
  ColourBox b = { 0, G_MAXINT, G_MAXINT, -1, -1 };
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  const guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (const void *) (data + (gsize) y * stride);
      for (int x = 0; x < w; x++)
        if (row[x] == colour)
          {
            b.count++;
            b.x0 = MIN (b.x0, x);
            b.y0 = MIN (b.y0, y);
            b.x1 = MAX (b.x1, x);
            b.y1 = MAX (b.y1, y);
          }
    }
  return b;
}

static inline guint
count_not (cairo_surface_t *s,
           guint32          colour)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  const guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  guint n = 0;

  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (const void *) (data + (gsize) y * stride);
      for (int x = 0; x < w; x++)
        n += row[x] != colour;
    }
  return n;
}
