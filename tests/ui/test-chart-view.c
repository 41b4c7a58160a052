/* test-chart-view.c — the chart widget's cached picture: drawn on a worker
 * after the result is set, the previous picture kept meanwhile, stale
 * renders dropped, tooltips from the chart the picture was drawn from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "seg-chart-view.h"
#include "ui-test-helpers.h"

#define VIEW_W 640
#define VIEW_H 420

static SegResult *
run_fintech (SegMethods methods)
{
  const char *names[] = { "customers.csv", "transactions.csv", "activity.csv" };
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  SegAnalysisOptions ao;
  SegResult *r;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (seg_test_source_root (), "data", "samples", "fintech",
                                                names[i], NULL);
      seg_dataset_options_add_input (options, path, SEG_FILE_ROLE_UNKNOWN);
    }
  ds = seg_dataset_load (options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  seg_analysis_options_init (&ao);
  ao.methods = methods;
  r = seg_analysis_run (ds, &ao, NULL, NULL, NULL, &error);
  seg_analysis_options_clear (&ao);
  g_assert_no_error (error);
  return r;
}

static gboolean
view_drawn (gpointer data)
{
  return seg_chart_view_is_drawn (data);
}

static gboolean
view_sized (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) == VIEW_W;
}

/* Pixels of the texture that are neither transparent nor background. */
static guint
count_ink (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  gsize stride = (gsize) w * 4;
  g_autofree guint8 *data = g_malloc (stride * h);
  guint ink = 0;

  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = data + y * stride + 4 * x;
        /* premultiplied BGRA: coloured, not white or grey text */
        if (p[3] > 128 && (MAX (MAX (p[0], p[1]), p[2]) - MIN (MIN (p[0], p[1]), p[2])) > 60)
          ink++;
      }
  return ink;
}

static GtkWidget *
window_with (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new ();

  gtk_widget_set_size_request (view, VIEW_W, VIEW_H);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_until (view_sized, view, 10));
  return window;
}

/* With every result drawn on the worker: the picture is not there right
 * after the result is set, appears without anyone waiting on it, matches
 * the widget's size, and has the chart's colours in it. */
static void
test_worker_picture (void)
{
  g_autoptr(SegResult) result = run_fintech (SEG_METHOD_ALL);
  g_autoptr(SegResult) other = run_fintech (SEG_METHOD_RULES | SEG_METHOD_KMEANS | SEG_METHOD_PCA);
  GtkWidget *view = seg_chart_view_new (SEG_CHART_PCA_SCATTER);
  SegChartView *cv = SEG_CHART_VIEW (view);
  GtkWidget *window;
  GdkTexture *first;
  int scale;
  g_autofree char *tip = NULL;

  seg_chart_view_set_sync_limit (cv, 0);
  window = window_with (view);
  scale = gtk_widget_get_scale_factor (view);
  g_assert_false (seg_chart_view_is_drawn (cv));

  seg_chart_view_set_result (cv, result);
  g_assert_false (seg_chart_view_is_drawn (cv));
  g_assert_null (seg_chart_view_get_texture (cv));
  g_assert_true (ui_wait_until (view_drawn, cv, 30));
  first = seg_chart_view_get_texture (cv);
  g_assert_nonnull (first);
  g_assert_cmpint (gdk_texture_get_width (first), ==, VIEW_W * scale);
  g_assert_cmpint (gdk_texture_get_height (first), ==, VIEW_H * scale);
  g_assert_cmpuint (count_ink (first), >, 500);

  /* tooltips come from the chart the picture was drawn from */
  for (int y = 60; y < VIEW_H && tip == NULL; y += 3)
    for (int x = 60; x < VIEW_W && tip == NULL; x += 3)
      tip = seg_chart_view_dup_tooltip_at (cv, x, y);
  g_assert_nonnull (tip);

  /* a change keeps the old picture on screen until the new one is ready */
  seg_chart_view_set_colour_by (cv, "rfm");
  g_assert_false (seg_chart_view_is_drawn (cv));
  g_assert_true (seg_chart_view_get_texture (cv) == first);
  g_assert_true (ui_wait_until (view_drawn, cv, 30));
  g_assert_true (seg_chart_view_get_texture (cv) != first);

  /* two results in a row: only the newer one ends up on screen */
  seg_chart_view_set_result (cv, other);
  ui_spin (0.001);
  seg_chart_view_set_result (cv, result);
  g_assert_true (ui_wait_until (view_drawn, cv, 30));
  g_assert_true (seg_chart_view_get_result (cv) == result);
  g_assert_true (seg_chart_view_is_drawn (cv));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A small result is drawn during the snapshot, with no worker involved. */
static void
test_inline_picture (void)
{
  g_autoptr(SegResult) result = run_fintech (SEG_METHOD_ALL);
  GtkWidget *view = seg_chart_view_new (SEG_CHART_SEGMENT_SIZES);
  SegChartView *cv = SEG_CHART_VIEW (view);
  GtkWidget *window = window_with (view);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);
  gint64 frame = gdk_frame_clock_get_frame_counter (clock);

  /* the 200 customers of the sample are far below the default limit */
  seg_chart_view_set_result (cv, result);
  g_assert_false (seg_chart_view_is_drawn (cv));
  g_assert_true (ui_wait_until (view_drawn, cv, 10));
  g_assert_cmpuint (count_ink (seg_chart_view_get_texture (cv)), >, 500);
  /* drawn by the first frame after the change */
  g_assert_cmpint (gdk_frame_clock_get_frame_counter (clock), <=, frame + 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the window draws for the chart is its picture, pixel for pixel:
 * with the cairo renderer (the tests' GSK_RENDERER) the view paints its
 * cached image through a cairo node instead of a texture node, which GTK
 * 4.8's cairo renderer would copy in every frame. */
static void
test_screen_is_picture (void)
{
  g_autoptr(SegResult) result = run_fintech (SEG_METHOD_ALL);
  GtkWidget *view = seg_chart_view_new (SEG_CHART_SEGMENT_SIZES);
  SegChartView *cv = SEG_CHART_VIEW (view);
  GtkWidget *window = window_with (view);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) shown = NULL;
  GdkTexture *picture;
  int w, h;
  gsize stride;
  g_autofree guint8 *a = NULL, *b = NULL;

  g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));
  seg_chart_view_set_result (cv, result);
  g_assert_true (ui_wait_until (view_drawn, cv, 10));
  picture = seg_chart_view_get_texture (cv);
  w = gdk_texture_get_width (picture);
  h = gdk_texture_get_height (picture);
  g_assert_cmpint (w, ==, VIEW_W);
  /* made now, it holds what the view draws now */
  paintable = gtk_widget_paintable_new (view);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), VIEW_W, VIEW_H);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  shown = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, VIEW_W, VIEW_H));
  g_assert_cmpint (gdk_texture_get_width (shown), ==, w);
  g_assert_cmpint (gdk_texture_get_height (shown), ==, h);
  stride = (gsize) w * 4;
  a = g_malloc (stride * h);
  b = g_malloc (stride * h);
  gdk_texture_download (picture, a, stride);
  gdk_texture_download (shown, b, stride);
  g_assert_cmpuint (count_ink (shown), >, 500);
  g_assert_cmpmem (a, stride * h, b, stride * h);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Exports run on the worker too, and write the chart. */
static void
export_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  GError **error = user_data;

  if (!seg_chart_view_export_finish (SEG_CHART_VIEW (source), res, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static gboolean
have_error (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_export_async (void)
{
  g_autoptr(SegResult) result = run_fintech (SEG_METHOD_ALL);
  GtkWidget *view = seg_chart_view_new (SEG_CHART_PCA_SCATTER);
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "pca.png", NULL);
  GError *done = NULL;
  cairo_surface_t *png;

  g_object_ref_sink (view);
  seg_chart_view_set_result (SEG_CHART_VIEW (view), result);
  seg_chart_view_export_async (SEG_CHART_VIEW (view), path, SEG_CHART_FORMAT_PNG, 800, 500, 1.0, NULL,
                               export_done_cb, &done);
  g_assert_true (ui_wait_until (have_error, &done, 30));
  g_assert_true (g_error_matches (done, G_IO_ERROR, G_IO_ERROR_EXISTS));
  g_clear_error (&done);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
  cairo_surface_destroy (png);
  g_object_unref (view);
  seg_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/ui/chart-view/worker-picture", test_worker_picture);
  g_test_add_func ("/ui/chart-view/inline-picture", test_inline_picture);
  g_test_add_func ("/ui/chart-view/screen-is-picture", test_screen_is_picture);
  g_test_add_func ("/ui/chart-view/export-async", test_export_async);
  return g_test_run ();
}
