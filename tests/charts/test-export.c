/* test-export.c — PNG / SVG / PDF export, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "seg-charts.h"
#include "seg-error.h"
#include "seg-test-util.h"

static void
draw_bars (cairo_t *cr, double w, double h, gpointer user_data)
{
  static const char *cats[] = { "A", "B", "C" };
  static const double v[] = { 3, 1, 2 };
  SegChartStyle style;
  SegBarData d = { 0 };

  seg_chart_style_init_light (&style);
  d.title = "Export";
  d.n = 3;
  d.categories = cats;
  d.values = v;
  seg_chart_bars_draw (cr, w, h, &d, &style);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static char *
read_file (const char *path, gsize *len)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, len, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_png (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *back;

  g_assert_true (seg_chart_export (path, SEG_CHART_FORMAT_PNG, 1600, 1000, draw_bars, NULL, &error));
  g_assert_no_error (error);
  back = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (back), ==, 1000);
  cairo_surface_destroy (back);
  /* only the file itself: no temporary left behind */
  g_assert_cmpuint (count_entries (dir), ==, 1);
  seg_test_rmdir_recursive (dir);
}

static void
test_svg_pdf (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;
  g_autofree char *p = NULL;
  gsize len;

  g_assert_true (seg_chart_export (svg, SEG_CHART_FORMAT_SVG, 800, 500, draw_bars, NULL, &error));
  g_assert_no_error (error);
  s = read_file (svg, &len);
  g_assert_true (g_str_has_prefix (s, "<?xml") || g_str_has_prefix (s, "<svg"));
  g_assert_nonnull (strstr (s, "width=\"800"));
  g_assert_nonnull (strstr (s, "height=\"500"));

  g_assert_true (seg_chart_export (pdf, SEG_CHART_FORMAT_PDF, 800, 500, draw_bars, NULL, &error));
  g_assert_no_error (error);
  p = read_file (pdf, &len);
  g_assert_true (g_str_has_prefix (p, "%PDF"));
  /* the page is 800 × 500 points (searched past the NUL bytes of the
   * compressed streams, which g_strstr_len () stops at) */
  {
    const char *box = "/MediaBox [ 0 0 800 500 ]";
    gsize n = strlen (box);
    gboolean found = FALSE;

    for (gsize i = 0; i + n <= len && !found; i++)
      found = memcmp (p + i, box, n) == 0;
    g_assert_true (found);
  }
  g_assert_cmpuint (count_entries (dir), ==, 2);
  seg_test_rmdir_recursive (dir);
}

static void
test_replace_atomically (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gsize len;

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_true (seg_chart_export (path, SEG_CHART_FORMAT_PNG, 300, 200, draw_bars, NULL, &error));
  g_assert_no_error (error);
  after = read_file (path, &len);
  g_assert_true (len > 8 && memcmp (after, "\x89PNG", 4) == 0);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* a failing write reports SEG_ERROR_IO and leaves nothing behind */
  g_assert_false (seg_chart_export (missing, SEG_CHART_FORMAT_PNG, 300, 200, draw_bars, NULL, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* a bad size is refused before anything is written, the old file kept */
  g_assert_false (seg_chart_export (path, SEG_CHART_FORMAT_PNG, 0, 200, draw_bars, NULL, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_free (after);
  after = read_file (path, &len);
  g_assert_true (memcmp (after, "\x89PNG", 4) == 0);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  seg_test_rmdir_recursive (dir);
}

static void
test_bytes_and_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = seg_chart_export_bytes (SEG_CHART_FORMAT_PNG, 120, 80, draw_bars, NULL, &error);
  SegChartFormat f;

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 100);
  g_assert_true (seg_chart_format_from_path ("/tmp/a.Chart.PDF", &f));
  g_assert_cmpint (f, ==, SEG_CHART_FORMAT_PDF);
  g_assert_true (seg_chart_format_from_string ("svg", &f));
  g_assert_cmpint (f, ==, SEG_CHART_FORMAT_SVG);
  g_assert_false (seg_chart_format_from_path ("/tmp/chart", &f));
  g_assert_false (seg_chart_format_from_path ("/tmp/x.png/chart", &f));
  g_assert_cmpstr (seg_chart_format_to_string (SEG_CHART_FORMAT_PNG), ==, "png");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/export/png", test_png);
  g_test_add_func ("/charts/export/svg-pdf", test_svg_pdf);
  g_test_add_func ("/charts/export/replace", test_replace_atomically);
  g_test_add_func ("/charts/export/bytes", test_bytes_and_names);
  return g_test_run ();
}
