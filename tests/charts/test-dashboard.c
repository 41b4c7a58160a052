/* test-dashboard.c — every dashboard chart drawn from a real SegResult
 *
 * The result comes from the engine run on data/samples/fintech (customers,
 * transactions, activity) with default options.  The tests look at the
 * pixels: bars, points and boxes are drawn in exact palette colours, so a
 * colour tells which segment a pixel belongs to.
 *
 * KPI figures for ../shared/data/fintech were computed independently with
 * sqlite3 (".mode csv" imports of customers.csv and transactions.csv):
 *   select count(*) from customers;                                   -- 200
 *   select sum(cast(amount as real)) from txns
 *     where customer_id in (select customer_id from customers);        -- 7452958
 *   select count(*), sum(julianday('2025-09-14') - julianday(d) <= 90)
 *     from (select customer_id, max(substr(txn_date, 1, 10)) d from txns
 *           where customer_id in (select customer_id from customers)
 *           group by customer_id);                                     -- 100 | 97
 *
 * With SEG_DASHBOARD_SHOTS=DIR set, every chart is also written in light
 * and dark for ../shared/data/fintech (DIR/dash-<id>-<theme>.png) and
 * ../shared/data/credit_card/CC GENERAL.csv (DIR/dash-cc-<id>-<theme>.png)
 * for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-analysis.h"
#include "seg-dashboard.h"
#include "seg-test-util.h"
#include "dashboard-test-util.h"

#define W 1600
#define H 1000

static SegResult *sample_result;

static SegResult *
run_on (const char *const *paths,
        SegMethods         methods,
        guint              k,
        guint              k_max)
{
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  SegAnalysisOptions ao;
  SegResult *r;

  for (guint i = 0; paths[i]; i++)
    seg_dataset_options_add_input (options, paths[i], SEG_FILE_ROLE_UNKNOWN);
  ds = seg_dataset_load (options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  seg_analysis_options_init (&ao);
  ao.methods = methods;
  if (k > 0)
    {
      ao.k = k;
      ao.k_max = k_max;
    }
  r = seg_analysis_run (ds, &ao, NULL, NULL, NULL, &error);
  seg_analysis_options_clear (&ao);
  g_assert_no_error (error);
  return r;
}

static SegResult *
run_fintech (const char *dir,
             SegMethods  methods,
             guint       k,
             guint       k_max)
{
  g_autofree char *c = g_build_filename (dir, "customers.csv", NULL);
  g_autofree char *t = g_build_filename (dir, "transactions.csv", NULL);
  g_autofree char *a = g_build_filename (dir, "activity.csv", NULL);
  const char *paths[] = { c, t, a, NULL };

  return run_on (paths, methods, k, k_max);
}


/* ---------------------------------------------------------- pixels */







/* ----------------------------------------------------------- tests */

static void
test_catalogue (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  SegChartKind back;

  for (guint k = 0; k < SEG_N_CHARTS; k++)
    {
      const char *id = seg_chart_kind_id (k);
      g_assert_nonnull (id);
      g_assert_true (g_hash_table_add (ids, (gpointer) id));
      g_assert_cmpuint (strlen (seg_chart_kind_title (k)), >, 3);
      g_assert_true (seg_chart_kind_from_id (id, &back));
      g_assert_cmpint (back, ==, k);
    }
  g_assert_true (seg_chart_kind_from_id ("SEGMENT-SIZES", &back));
  g_assert_cmpint (back, ==, SEG_CHART_SEGMENT_SIZES);
  g_assert_false (seg_chart_kind_from_id ("pie", &back));
  g_assert_cmpstr (seg_chart_kind_id (SEG_CHART_PCA_SCATTER), ==, "pca-scatter");
}

static void
test_available (void)
{
  g_autofree char *dir = sample_dir ();
  g_autoptr(SegResult) rules_only = run_fintech (dir, SEG_METHOD_RULES, 0, 0);
  g_autoptr(SegResult) fixed_k = run_fintech (dir, SEG_METHOD_ALL, 3, 0);
  SegChartParams params;

  seg_chart_params_init (&params);
  /* the full run has everything */
  for (guint k = 0; k < SEG_N_CHARTS; k++)
    {
      g_autofree char *why = NULL;
      g_assert_true (seg_dashboard_available (k, sample_result, &params, &why));
      g_assert_null (why);
    }
  /* rules only: the segment charts stay, the cluster and RFM charts go;
   * cohorts come from the transaction log, whatever ran */
  for (guint k = 0; k < SEG_N_CHARTS; k++)
    {
      g_autofree char *why = NULL;
      gboolean expect = k == SEG_CHART_KPIS || k == SEG_CHART_SEGMENT_SIZES ||
                        k == SEG_CHART_SPEND_BY_SEGMENT || k == SEG_CHART_BOX ||
                        k == SEG_CHART_SEGMENT_TABLE || k == SEG_CHART_COHORTS;
      g_assert_cmpint (seg_dashboard_available (k, rules_only, &params, &why), ==, expect);
      if (!expect)
        g_assert_nonnull (why);
      if (k == SEG_CHART_ELBOW || k == SEG_CHART_SILHOUETTE_PLOT || k == SEG_CHART_PROFILE_HEATMAP)
        g_assert_nonnull (strstr (why, "k-means did not run"));
      if (k == SEG_CHART_RFM_GRID)
        g_assert_nonnull (strstr (why, "RFM did not run"));
      if (k == SEG_CHART_PCA_SCATTER)
        g_assert_nonnull (strstr (why, "PCA"));
    }
  /* colouring by a method that did not run */
  params.colour_by = "kmeans";
  {
    g_autofree char *why = NULL;
    g_assert_false (seg_dashboard_available (SEG_CHART_SEGMENT_SIZES, rules_only, &params, &why));
    g_assert_nonnull (strstr (why, "k-means"));
  }
  params.colour_by = NULL;
  /* a fixed k has no sweep, but silhouettes and profiles */
  {
    g_autofree char *why = NULL;
    g_assert_false (seg_dashboard_available (SEG_CHART_ELBOW, fixed_k, &params, &why));
    g_assert_nonnull (strstr (why, "fixed"));
    g_assert_false (seg_dashboard_available (SEG_CHART_SILHOUETTE_K, fixed_k, &params, NULL));
    g_assert_true (seg_dashboard_available (SEG_CHART_SILHOUETTE_PLOT, fixed_k, &params, NULL));
    g_assert_true (seg_dashboard_available (SEG_CHART_PROFILE_HEATMAP, fixed_k, &params, NULL));
  }
  /* a box of a column that does not exist */
  params.feature = "no_such_column";
  g_assert_false (seg_dashboard_available (SEG_CHART_BOX, sample_result, &params, NULL));
  params.feature = "age";
  g_assert_true (seg_dashboard_available (SEG_CHART_BOX, sample_result, &params, NULL));

  /* unavailable charts still draw their reason */
  {
    SegChartStyle style;
    cairo_surface_t *s;
    seg_chart_style_init_light (&style);
    s = render (SEG_CHART_ELBOW, rules_only, NULL, &style, 600, 400);
    g_assert_cmpuint (count_not (s, opaque (style.background)), >, 200);
    cairo_surface_destroy (s);
  }
}

/* Every chart, light and dark, export size and card size: something real
 * is drawn, and both themes differ in their background.  The dark theme is
 * drawn at half the export size: the drawing is the same code, and four
 * 1600 × 1000 pictures per chart made this the slowest test under ASan. */
static void
test_render_all (void)
{
  for (guint k = 0; k < SEG_N_CHARTS; k++)
    for (int theme = 0; theme < 2; theme++)
      {
        SegChartStyle style;
        cairo_surface_t *s;
        guint painted;
        int w = theme ? W / 2 : W, h = theme ? H / 2 : H;

        seg_chart_style_init (&style, theme ? SEG_CHART_THEME_DARK : SEG_CHART_THEME_LIGHT);
        style.scale = theme ? 0.8 : 1.6;
        s = render (k, sample_result, NULL, &style, w, h);
        painted = count_not (s, opaque (style.background));
        /* at least 1 % of the image is ink */
        g_assert_cmpuint (painted, >, (guint) (w * h / 100));
        g_assert_cmpuint (pixel (s, 2, 2), ==, opaque (style.background));
        cairo_surface_destroy (s);

        style.scale = 1;
        s = render (k, sample_result, NULL, &style, 360, 240);
        g_assert_cmpuint (count_not (s, opaque (style.background)), >, 360 * 240 / 100);
        cairo_surface_destroy (s);
        s = render (k, sample_result, NULL, &style, 40, 30);
        cairo_surface_destroy (s);
      }
}

static const SegSegmentation *
rules_of (const SegResult *r)
{
  const SegSegmentation *seg = seg_result_get_rules (r);
  g_assert_nonnull (seg);
  return seg;
}

static guint
largest_segment (const SegSegmentation *seg)
{
  guint best = 0;

  for (guint s = 1; s < seg->n_segments; s++)
    if (seg->segments[s].customers > seg->segments[best].customers)
      best = s;
  return best;
}

/* The tallest bar is the largest segment's, in its palette colour, and a
 * hit at the centre of each bar names that segment. */
static void
test_segment_sizes (void)
{
  const SegSegmentation *seg = rules_of (sample_result);
  SegChartStyle style;
  cairo_surface_t *s;
  int top = G_MAXINT, tallest = -1;
  guint hits = 0;

  seg_chart_style_init_light (&style);
  style.scale = 1.6;
  s = render (SEG_CHART_SEGMENT_SIZES, sample_result, NULL, &style, W, H);
  g_assert_cmpuint (seg->n_segments, >=, 3);
  for (guint g = 0; g < seg->n_segments; g++)
    {
      ColourBox b = find_colour (s, opaque (style.palette[g]));
      g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
      g_autofree char *count = NULL;

      if (seg->segments[g].customers == 0)
        {
          g_assert_cmpuint (b.count, ==, 0);
          continue;
        }
      g_assert_cmpuint (b.count, >, 100);
      if (b.y0 < top)
        top = b.y0, tallest = (int) g;
      g_assert_true (hit_test (SEG_CHART_SEGMENT_SIZES, W, H, sample_result, NULL, &style,
                               (b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0, &hit));
      g_assert_cmpint (hit.kind, ==, SEG_CHART_HIT_ITEM);
      g_assert_cmpint (hit.group, ==, (int) g);
      g_assert_cmpint (hit.index, ==, (int) g);
      g_assert_true (g_str_has_prefix (hit.tooltip, seg->segments[g].name));
      count = g_strdup_printf ("— %u customers (", seg->segments[g].customers);
      g_assert_nonnull (strstr (hit.tooltip, count));
      g_assert_nonnull (strstr (hit.tooltip, "Total spend"));
      hits++;
    }
  g_assert_cmpint (tallest, ==, (int) largest_segment (seg));
  g_assert_cmpuint (hits, >=, 3);
  cairo_surface_destroy (s);
}

/* With segment 1 highlighted its colour is drawn at full strength and
 * segment 0's full colour is gone, in every chart coloured by segment. */
static void
test_highlight (void)
{
  static const SegChartKind kinds[] = { SEG_CHART_SEGMENT_SIZES, SEG_CHART_SPEND_BY_SEGMENT,
                                        SEG_CHART_PCA_SCATTER, SEG_CHART_BOX, SEG_CHART_SEGMENT_TABLE };
  const SegSegmentation *seg = rules_of (sample_result);

  g_assert_cmpuint (seg->segments[0].customers, >, 0);
  g_assert_cmpuint (seg->segments[1].customers, >, 0);
  g_assert_cmpfloat (seg->segments[0].total_spent, >, 0);
  g_assert_cmpfloat (seg->segments[1].total_spent, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      SegChartStyle style;
      cairo_surface_t *s;

      seg_chart_style_init_light (&style);
      style.scale = 1.6;
      s = render (kinds[i], sample_result, NULL, &style, W, H);
      g_assert_cmpuint (find_colour (s, opaque (style.palette[0])).count, >, 20);
      cairo_surface_destroy (s);

      style.highlight_group = 1;
      s = render (kinds[i], sample_result, NULL, &style, W, H);
      g_assert_cmpuint (find_colour (s, opaque (style.palette[1])).count, >, 20);
      g_assert_cmpuint (find_colour (s, opaque (style.palette[0])).count, ==, 0);
      cairo_surface_destroy (s);
    }
}

/* Points (palette colours) are only where the chart's hit-test finds a
 * point, a centroid or a legend entry: never outside the plot. */
static void
test_scatter (void)
{
  const SegSegmentation *seg = rules_of (sample_result);
  SegChartStyle style;
  cairo_surface_t *s;
  guint found, checked = 0, items = 0;
  g_autoptr(GArray) where = g_array_new (FALSE, FALSE, sizeof (int));

  seg_chart_style_init_light (&style);
  style.scale = 1.6;
  s = render (SEG_CHART_PCA_SCATTER, sample_result, NULL, &style, W, H);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      for (guint k = 0; k < seg->n_segments; k++)
        if (pixel (s, x, y) == opaque (style.palette[k]))
          {
            g_array_append_val (where, x);
            g_array_append_val (where, y);
            break;
          }
  found = where->len / 2;
  g_assert_cmpuint (found, >, 1000);
  /* 120 palette pixels spread over the image */
  for (guint i = 0; i < 120; i++)
    {
      guint at = (guint) ((guint64) i * found / 120);
      int x = g_array_index (where, int, 2 * at), y = g_array_index (where, int, 2 * at + 1);
      g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

      g_assert_true (hit_test (SEG_CHART_PCA_SCATTER, W, H, sample_result, NULL,
                               &style, x, y, &hit));
      g_assert_true (hit.kind == SEG_CHART_HIT_ITEM || hit.kind == SEG_CHART_HIT_LEGEND);
      g_assert_cmpint (hit.group, >=, 0);
      g_assert_cmpint (hit.group, <, (int) seg->n_segments);
      items += hit.kind == SEG_CHART_HIT_ITEM;
      checked++;
    }
  g_assert_cmpuint (checked, ==, 120);
  g_assert_cmpuint (items, >, 60);
  cairo_surface_destroy (s);
}

/* The box of each segment: its hit names the segment and counts its
 * customers (total_spent has a value for everyone). */
static void
test_box (void)
{
  const SegSegmentation *seg = rules_of (sample_result);
  SegChartStyle style;
  guint seen = 0;
  int last = -1;

  seg_chart_style_init_light (&style);
  /* along a line across the plot, every box is met */
  for (int x = 0; x < 1000; x += 3)
    {
      g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
      g_autofree char *count = NULL;

      if (!hit_test (SEG_CHART_BOX, 1000, 625, sample_result, NULL, &style, x, 400, &hit) ||
          hit.kind != SEG_CHART_HIT_ITEM || hit.group == last)
        continue;
      last = hit.group;
      g_assert_cmpint (hit.group, >=, 0);
      g_assert_cmpint (hit.group, <, (int) seg->n_segments);
      g_assert_true (g_str_has_prefix (hit.tooltip, seg->segments[hit.group].name));
      count = g_strdup_printf ("\n%u customers", seg->segments[hit.group].customers);
      g_assert_nonnull (strstr (hit.tooltip, count));
      seen++;
    }
  g_assert_cmpuint (seen, >=, 3);
}

/* RFM cells carry the RFM segment index when colouring by RFM, and no
 * group when colouring by rules. */
static void
test_rfm_grid (void)
{
  const SegSegmentation *rfm = seg_result_get_rfm (sample_result);
  SegChartParams params;
  SegChartStyle style;
  guint cells = 0;

  g_assert_nonnull (rfm);
  seg_chart_params_init (&params);
  seg_chart_style_init_light (&style);
  for (int y = 0; y < 625; y += 25)
    for (int x = 0; x < 1000; x += 25)
      {
        g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
        g_auto(SegChartHit) plain = SEG_CHART_HIT_INIT;
        g_autofree char *name = NULL;

        params.colour_by = "rfm";
        if (!hit_test (SEG_CHART_RFM_GRID, 1000, 625, sample_result, &params, &style, x, y, &hit))
          continue;
        g_assert_cmpint (hit.kind, ==, SEG_CHART_HIT_ITEM);
        g_assert_cmpint (hit.group, >=, 0);
        g_assert_cmpint (hit.group, <, (int) rfm->n_segments);
        name = g_strndup (hit.tooltip, strcspn (hit.tooltip, "\n"));
        g_assert_cmpstr (name, ==, rfm->segments[hit.group].name);
        g_assert_nonnull (strstr (hit.tooltip, "customers"));
        params.colour_by = "rules";
        g_assert_true (hit_test (SEG_CHART_RFM_GRID, 1000, 625, sample_result, &params, &style,
                                 x, y, &plain));
        g_assert_cmpint (plain.group, ==, -1);
        cells++;
      }
  g_assert_cmpuint (cells, >, 50);
}

/* Sweep charts are not segments: no group, a tooltip with the scores. */
static void
test_sweep_hits (void)
{
  SegChartStyle style;
  guint found = 0;

  seg_chart_style_init_light (&style);
  for (int x = 0; x < 1000; x += 10)
    {
      g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
      if (!hit_test (SEG_CHART_ELBOW, 1000, 625, sample_result, NULL, &style, x, 400, &hit) ||
          hit.kind != SEG_CHART_HIT_ITEM)
        continue;
      g_assert_cmpint (hit.group, ==, -1);
      g_assert_true (g_str_has_prefix (hit.tooltip, "k = "));
      g_assert_nonnull (strstr (hit.tooltip, "Inertia"));
      found++;
    }
  g_assert_cmpuint (found, >, 10);
}

static void
test_kpis (void)
{
  g_autofree char *dir = seg_test_require_shared_data ("fintech");
  g_autoptr(SegResult) r = NULL;
  SegKpi kpis[SEG_DASHBOARD_N_KPIS];
  SegChartStyle style;
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

  if (dir == NULL)
    return;
  r = run_fintech (dir, SEG_METHOD_RULES | SEG_METHOD_RFM, 0, 0);
  g_assert_cmpuint (seg_dashboard_get_kpis (r, NULL, kpis), ==, SEG_DASHBOARD_N_KPIS);
  /* sqlite3 figures, see the top of this file */
  g_assert_cmpfloat (kpis[0].value, ==, 200);
  g_assert_cmpfloat_with_epsilon (kpis[1].value, 7452958.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (kpis[2].value, 7452958.0 / 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (kpis[3].value, 97.0 / 100.0, 1e-12);
  g_assert_true (isnan (kpis[4].value));
  g_assert_true (isnan (kpis[5].value));
  g_assert_nonnull (kpis[4].caption);
  g_assert_nonnull (strstr (kpis[3].caption, "90 days"));

  seg_chart_style_init_light (&style);
  /* the cards fill the chart; the first one is at the top left */
  g_assert_true (hit_test (SEG_CHART_KPIS, 1200, 140, r, NULL, &style, 30, 70, &hit));
  g_assert_cmpint (hit.index, ==, 0);
  g_assert_cmpint (hit.group, ==, -1);
  g_assert_true (g_str_has_prefix (hit.tooltip, "Customers: 200"));
}

static void
check_header (const char *path,
              const char *magic)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, strlen (magic));
  g_assert_nonnull (g_strstr_len (contents, MIN (len, 200), magic));
}

static void
test_export (void)
{
  g_autofree char *tmp = seg_test_mkdtemp ();
  g_autofree char *sub = g_build_filename (tmp, "charts", NULL);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  /* half the window's size: the size asked for, in a quarter of the time */
  g_assert_true (seg_dashboard_export_all (sample_result, NULL, sub, "png", W / 2, H / 2, written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, SEG_N_CHARTS);
  for (guint k = 0; k < SEG_N_CHARTS; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.png", seg_chart_kind_id (k));
      g_autofree char *path = g_build_filename (sub, name, NULL);
      cairo_surface_t *s = cairo_image_surface_create_from_png (path);

      g_assert_cmpstr (g_ptr_array_index (written, k), ==, path);
      g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (s), ==, W / 2);
      g_assert_cmpint (cairo_image_surface_get_height (s), ==, H / 2);
      cairo_surface_destroy (s);
    }
  /* no picture under two names (spend-by-segment once drew the CLV bars of
   * clv-by-segment whenever CLV ran) */
  for (guint a = 0; a < written->len; a++)
    for (guint b = a + 1; b < written->len; b++)
      {
        g_autofree char *x = NULL;
        g_autofree char *y = NULL;
        gsize nx, ny;

        g_assert_true (g_file_get_contents (g_ptr_array_index (written, a), &x, &nx, NULL));
        g_assert_true (g_file_get_contents (g_ptr_array_index (written, b), &y, &ny, NULL));
        if (nx == ny && memcmp (x, y, nx) == 0)
          g_error ("%s and %s are the same picture", (char *) g_ptr_array_index (written, a),
                   (char *) g_ptr_array_index (written, b));
      }
  g_ptr_array_set_size (written, 0);
  g_assert_true (seg_dashboard_export_all (sample_result, NULL, sub, "SVG", 800, 500, written, &error));
  g_assert_no_error (error);
  g_assert_true (seg_dashboard_export_all (sample_result, NULL, sub, "pdf", 800, 500, NULL, &error));
  g_assert_no_error (error);
  for (guint k = 0; k < SEG_N_CHARTS; k++)
    {
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", sub, seg_chart_kind_id (k));
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", sub, seg_chart_kind_id (k));
      check_header (svg, "<svg");
      check_header (svg, "width=\"800");
      check_header (pdf, "%PDF-");
    }
  /* the single-chart export and its errors */
  {
    g_autofree char *one = g_build_filename (tmp, "one.png", NULL);
    g_autofree char *bad = g_build_filename (tmp, "one.gif", NULL);
    g_autofree char *blocked = g_build_filename (tmp, "one.png", "x", NULL);
    cairo_surface_t *s;

    g_assert_true (seg_dashboard_export (SEG_CHART_RFM_GRID, sample_result, NULL, NULL, one, 640, 400, &error));
    g_assert_no_error (error);
    s = cairo_image_surface_create_from_png (one);
    g_assert_cmpint (cairo_image_surface_get_width (s), ==, 640);
    cairo_surface_destroy (s);
    g_assert_false (seg_dashboard_export (SEG_CHART_RFM_GRID, sample_result, NULL, NULL, bad, 640, 400, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    /* a file where the folder should be */
    g_assert_false (seg_dashboard_export_all (sample_result, NULL, blocked, "png", 100, 100, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (seg_dashboard_export_all (sample_result, NULL, sub, "gif", 100, 100, NULL, &error));
    g_assert_nonnull (error);
  }
  seg_test_rmdir_recursive (tmp);
}

/* ----------------------------------------------------- screenshots */

static void
shoot (const SegResult *r,
       const char      *dir,
       const char      *prefix,
       const char      *colour_by)
{
  SegChartParams params;

  seg_chart_params_init (&params);
  params.colour_by = colour_by;
  params.biplot = TRUE;
  for (guint k = 0; k < SEG_N_CHARTS; k++)
    for (int theme = 0; theme < 2; theme++)
      {
        SegChartStyle style;
        cairo_surface_t *s;
        g_autofree char *name = g_strdup_printf ("%s%s-%s.png", prefix, seg_chart_kind_id (k),
                                                 theme ? "dark" : "light");
        g_autofree char *path = g_build_filename (dir, name, NULL);

        seg_dashboard_export_style (&style, theme ? SEG_CHART_THEME_DARK : SEG_CHART_THEME_LIGHT, W, H);
        s = render (k, r, &params, &style, W, H);
        g_assert_cmpint (cairo_surface_write_to_png (s, path), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy (s);
      }
}

static void
write_screenshots (const char *dir)
{
  g_autofree char *fintech = seg_test_shared_data ("fintech");
  g_autofree char *cc = seg_test_shared_data ("credit_card/CC GENERAL.csv");

  if (fintech != NULL)
    {
      g_autoptr(SegResult) r = run_fintech (fintech, SEG_METHOD_ALL, 0, 0);
      shoot (r, dir, "dash-", NULL);
      shoot (r, dir, "dash-kmeans-", "kmeans");
    }
  if (cc != NULL)
    {
      const char *paths[] = { cc, NULL };
      g_autoptr(SegResult) r = run_on (paths, SEG_METHOD_ALL, 0, 0);
      shoot (r, dir, "dash-cc-", NULL);
    }
}

/* A prepared chart draws and hit-tests exactly like the one-shot calls, at
 * any size and as often as asked (the GUI keeps one per picture). */
static void
test_prepared (void)
{
  /* small sizes keep this quick under ASan; the table's fit differs at each */
  const int sizes[][2] = { { 400, 260 }, { 300, 200 } };
  SegChartStyle style;

  seg_chart_style_init_light (&style);
  style.font_family = "DejaVu Sans";
  for (guint k = 0; k < SEG_N_CHARTS; k++)
    {
      g_autoptr(SegChartPrepared) p = seg_dashboard_prepare ((SegChartKind) k, sample_result, NULL, &style);
      g_autofree char *why = NULL;
      const char *reason = NULL;

      g_assert_cmpint (seg_chart_prepared_get_kind (p), ==, k);
      g_assert_cmpint (seg_chart_prepared_available (p, &reason), ==,
                       seg_dashboard_available ((SegChartKind) k, sample_result, NULL, &why));
      g_assert_cmpstr (reason, ==, why);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          int w = sizes[i][0], h = sizes[i][1];
          cairo_surface_t *once = render ((SegChartKind) k, sample_result, NULL, &style, w, h);
          cairo_surface_t *again = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
          cairo_t *cr = cairo_create (again);

          seg_chart_prepared_render (p, cr, w, h);
          cairo_destroy (cr);
          cairo_surface_flush (again);
          g_assert_cmpint (memcmp (cairo_image_surface_get_data (once), cairo_image_surface_get_data (again),
                                   (gsize) cairo_image_surface_get_stride (once) * h), ==, 0);
          for (int y = 20; i == 0 && y < h; y += 53)
            for (int x = 15; x < w; x += 79)
              {
                g_auto(SegChartHit) a = SEG_CHART_HIT_INIT;
                g_auto(SegChartHit) b = SEG_CHART_HIT_INIT;
                gboolean ha = hit_test ((SegChartKind) k, w, h, sample_result, NULL, &style, x, y, &a);
                gboolean hb = seg_chart_prepared_hit_test (p, w, h, x, y, &b);

                g_assert_cmpint (ha, ==, hb);
                g_assert_cmpint (a.kind, ==, b.kind);
                g_assert_cmpint (a.index, ==, b.index);
                g_assert_cmpint (a.group, ==, b.group);
                g_assert_cmpstr (a.tooltip, ==, b.tooltip);
              }
          cairo_surface_destroy (once);
          cairo_surface_destroy (again);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  const char *shots = g_getenv ("SEG_DASHBOARD_SHOTS");
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = sample_dir ();
  sample_result = run_fintech (dir, SEG_METHOD_ALL, 0, 0);
  if (shots != NULL && *shots != '\0')
    write_screenshots (shots);

  g_test_add_func ("/dashboard/catalogue", test_catalogue);
  g_test_add_func ("/dashboard/available", test_available);
  g_test_add_func ("/dashboard/render-all", test_render_all);
  g_test_add_func ("/dashboard/segment-sizes", test_segment_sizes);
  g_test_add_func ("/dashboard/highlight", test_highlight);
  g_test_add_func ("/dashboard/scatter", test_scatter);
  g_test_add_func ("/dashboard/box", test_box);
  g_test_add_func ("/dashboard/rfm-grid", test_rfm_grid);
  g_test_add_func ("/dashboard/sweep-hits", test_sweep_hits);
  g_test_add_func ("/dashboard/kpis", test_kpis);
  g_test_add_func ("/dashboard/export", test_export);
  g_test_add_func ("/dashboard/prepared", test_prepared);
  ret = g_test_run ();
  seg_result_unref (sample_result);
  return ret;
}
