/* seg-dashboard-clusters.c — PCA map, choosing k, silhouettes, cluster profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-dashboard-private.h"

/* Customers drawn one by one on the PCA map; above that, a fair sample of
 * this many (seg-chart-scatter.c), the same on screen and in exports. */
#define PCA_MAX_POINTS 20000

/* Clusters are colour_by's segments only when colouring by k-means. */
static gboolean
clusters_linked (const DashChart *c)
{
  return g_strcmp0 (c->colour_by, "kmeans") == 0 && c->seg != NULL;
}

static const SegClusters *
need_fit (DashChart *c,
          char     **why)
{
  const SegClusters *cl = seg_result_get_clusters (c->result);

  if (cl != NULL && seg_clusters_get_k (cl) > 0)
    return cl;
  *why = seg_dashboard_not_run_reason (c->result, "kmeans");
  return NULL;
}

/* ------------------------------------------------------------ PCA map */

static void
pca_centroids (DashChart       *c,
               const SegPca    *pca,
               SegScatterData  *d)
{
  guint k = c->seg->n_segments;
  double *cx = seg_dashboard_own (c, g_new0 (double, k));
  double *cy = seg_dashboard_own (c, g_new0 (double, k));
  g_autofree gsize *count = g_new0 (gsize, k);

  for (gsize i = 0; i < pca->n; i++)
    {
      guint s = c->seg->labels[i];
      if (s >= k)
        continue;
      cx[s] += pca->scores[i * pca->n_components];
      cy[s] += pca->scores[i * pca->n_components + 1];
      count[s]++;
    }
  for (guint s = 0; s < k; s++)
    {
      cx[s] = count[s] ? cx[s] / count[s] : NAN;
      cy[s] = count[s] ? cy[s] / count[s] : NAN;
    }
  d->centroid_x = cx;
  d->centroid_y = cy;
}

static void
pca_groups (DashChart      *c,
            const SegPca   *pca,
            SegScatterData *d)
{
  int *group = seg_dashboard_own (c, g_new (int, MAX (pca->n, 1)));
  const char **names = seg_dashboard_own_strv (c, c->seg->n_segments);

  for (gsize i = 0; i < pca->n; i++)
    group[i] = seg_dashboard_group_of_label (c->seg->labels[i]);
  for (guint s = 0; s < c->seg->n_segments; s++)
    names[s] = c->seg->segments[s].name;
  d->group = group;
  d->n_groups = c->seg->n_segments;
  d->group_names = names;
  pca_centroids (c, pca, d);
}

static int
compare_length_desc (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const double *len = user_data;
  double x = len[*(const guint *) a], y = len[*(const guint *) b];
  return (x < y) - (x > y);
}

/* The loadings on PC1 and PC2 of the features that weigh most in this
 * plane (at most MAX_ARROWS: more arrows only hide each other). */
#define MAX_ARROWS 8

static void
pca_arrows (DashChart      *c,
            const SegPca   *pca,
            SegScatterData *d)
{
  const SegClusters *cl = seg_result_get_clusters (c->result);
  guint n = MIN (pca->p, MAX_ARROWS);
  double *ax = seg_dashboard_own (c, g_new (double, n));
  double *ay = seg_dashboard_own (c, g_new (double, n));
  const char **labels = seg_dashboard_own_strv (c, n);
  g_autofree guint *order = g_new (guint, pca->p);
  g_autofree double *len = g_new (double, pca->p);

  for (guint j = 0; j < pca->p; j++)
    {
      order[j] = j;
      len[j] = hypot (pca->components[j], pca->components[pca->p + j]);
    }
  g_qsort_with_data (order, pca->p, sizeof (guint), compare_length_desc, len);
  for (guint i = 0; i < n; i++)
    {
      guint j = order[i];
      ax[i] = pca->components[j];
      ay[i] = pca->components[pca->p + j];
      labels[i] = cl != NULL && j < seg_clusters_get_n_features (cl) ? seg_dashboard_own (c, seg_dashboard_pretty_column (seg_clusters_get_features (cl)[j])) : "";
    }
  d->n_arrows = n;
  d->arrow_x = ax;
  d->arrow_y = ay;
  d->arrow_labels = labels;
}

/* A text column of customer names ("name", "customer_name"), or NULL. */
static const SegColumn *
name_column (SegTable *t)
{
  static const char *const names[] = { "name", "full_name", "fullname", "customer_name", "customername",
                                       "customer name", NULL };

  for (guint i = 1; i < seg_table_get_n_columns (t); i++)
    {
      const SegColumn *col = seg_table_get_column (t, i);
      g_autofree char *lower = g_ascii_strdown (col->name, -1);

      if (col->text != NULL && g_strv_contains (names, lower))
        return col;
    }
  return NULL;
}

gboolean
seg_dashboard_build_pca (DashChart *c,
                         char     **why)
{
  const SegPca *pca = seg_result_get_pca (c->result);
  SegScatterData *d = &c->u.scatter;
  SegTable *t = seg_result_get_customers (c->result);
  const SegColumn *ids = seg_table_find_column (t, "customer_id");
  double *x, *y;
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;

  if (pca == NULL || pca->n_components < 2)
    {
      *why = pca == NULL ? seg_dashboard_not_run_reason (c->result, "pca")
                         : g_strdup (_("PCA needs at least two features"));
      return FALSE;
    }
  x = seg_dashboard_own (c, g_new (double, MAX (pca->n, 1)));
  y = seg_dashboard_own (c, g_new (double, MAX (pca->n, 1)));
  for (gsize i = 0; i < pca->n; i++)
    {
      x[i] = pca->scores[i * pca->n_components];
      y[i] = pca->scores[i * pca->n_components + 1];
    }
  v1 = seg_format_percent (pca->explained_variance_ratio[0], 1);
  v2 = seg_format_percent (pca->explained_variance_ratio[1], 1);
  c->toolkit = DASH_TK_SCATTER;
  d->title = seg_chart_kind_title (SEG_CHART_PCA_SCATTER);
  d->subtitle = c->seg != NULL
                ? seg_dashboard_own_printf (c, _("PC1 %s · PC2 %s of variance · %s"), v1, v2,
                                            seg_dashboard_segmentation_label (c->colour_by))
                : seg_dashboard_own_printf (c, _("PC1 %s · PC2 %s of variance"), v1, v2);
  d->x_label = seg_dashboard_own_printf (c, _("PC1 (%s)"), v1);
  d->y_label = seg_dashboard_own_printf (c, _("PC2 (%s)"), v2);
  d->n = pca->n;
  d->x = x;
  d->y = y;
  if (c->seg != NULL && pca->n == seg_table_get_n_rows (t))
    {
      pca_groups (c, pca, d);
      c->linked = TRUE;
    }
  if (c->params->biplot)
    pca_arrows (c, pca, d);
  if (ids != NULL && ids->text != NULL && pca->n == seg_table_get_n_rows (t))
    {
      const SegColumn *names = name_column (t);

      d->point_labels = (const char *const *) ids->text;
      if (names != NULL)
        {
          /* tooltips name the customer: "Grace Reyes (C00001)" */
          const char **labels = seg_dashboard_own_strv (c, (guint) pca->n);
          GString *all = g_string_new (NULL);
          g_autofree gsize *at = g_new (gsize, MAX (pca->n, 1));
          char *buf;

          for (gsize i = 0; i < pca->n; i++)
            {
              at[i] = all->len;
              if (names->text[i] != NULL && *names->text[i] != '\0')
                g_string_append_printf (all, "%s (%s)", names->text[i], ids->text[i] ? ids->text[i] : "");
              else
                g_string_append (all, ids->text[i] ? ids->text[i] : "");
              g_string_append_c (all, '\0');
            }
          buf = seg_dashboard_own (c, g_string_free (all, FALSE));
          for (gsize i = 0; i < pca->n; i++)
            labels[i] = buf + at[i];
          d->point_labels = labels;
        }
    }
  d->seed = 1;
  d->max_points = PCA_MAX_POINTS;
  d->large = SEG_SCATTER_SAMPLE;
  if (pca->n > PCA_MAX_POINTS)
    {
      g_autofree char *shown = seg_dashboard_format_count (PCA_MAX_POINTS);
      g_autofree char *all = seg_dashboard_format_count ((double) pca->n);
      /* Translators: "20,000 of 1,000,000 customers shown" */
      d->large_note = seg_dashboard_own_printf (c, _("%s of %s customers shown"), shown, all);
    }
  d->format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PLAIN);
  return TRUE;
}

/* ------------------------------------------------------- choosing k */

static const SegKSweep *
need_sweep (DashChart *c,
            char     **why)
{
  const SegClusters *cl = need_fit (c, why);

  if (cl == NULL)
    return NULL;
  if (seg_clusters_get_sweep (cl) == NULL || seg_clusters_get_sweep (cl)->n_points == 0)
    {
      *why = g_strdup (_("k was fixed, so no range of k was tried"));
      return NULL;
    }
  return seg_clusters_get_sweep (cl);
}

/* The k of the clustering shown, 0 when none ran. */
static guint
chosen_k (DashChart *c)
{
  const SegClusters *cl = seg_result_get_clusters (c->result);

  return cl != NULL ? seg_clusters_get_k (cl) : 0;
}

/* "k = 4 (suggested)\nInertia 1,234\nSilhouette 0.31\n…" for any point. */
static void
sweep_hit (DashChart   *c,
           double       width,
           double       height,
           SegChartHit *hit)
{
  const SegKSweep *sw = c->extra;
  const SegKSweepPoint *pt = NULL;
  g_autofree char *inertia = NULL;
  g_autofree char *sil = NULL;
  g_autofree char *ch = NULL;
  g_autofree char *db = NULL;
  SegNumberFormat two = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PLAIN);
  guint k;

  (void) width, (void) height;
  if (hit->kind != SEG_CHART_HIT_ITEM || hit->index < 0 || hit->group < 0 ||
      (guint) hit->group >= c->u.line.n_series)
    return;
  k = (guint) lround (c->u.line.series[hit->group].x[hit->index]);
  for (guint i = 0; i < sw->n_points; i++)
    if (sw->points[i].k == k)
      pt = &sw->points[i];
  if (pt == NULL)
    return;
  two.decimals = 2;
  inertia = seg_format_compact (pt->inertia);
  sil = seg_number_format (&two, pt->silhouette);
  ch = seg_format_compact (pt->calinski_harabasz);
  db = seg_number_format (&two, pt->davies_bouldin);
  g_free (hit->tooltip);
  hit->tooltip = g_strdup_printf (_("k = %u%s%s%s\nInertia %s\nSilhouette %s (higher is better)\n"
                                    "Calinski–Harabasz %s (higher is better)\n"
                                    "Davies–Bouldin %s (lower is better)"),
                                  k, k == sw->suggested_k ? _(" · suggested") : "",
                                  k == sw->elbow_k ? _(" · elbow") : "",
                                  k == chosen_k (c) && k != sw->suggested_k ? _(" · chosen") : "",
                                  inertia, sil, ch, db);
}

static void
sweep_series (DashChart      *c,
              const SegKSweep *sw,
              SegLineSeries  *s,
              const char     *name,
              gboolean        silhouette)
{
  double *x = seg_dashboard_own (c, g_new (double, sw->n_points));
  double *y = seg_dashboard_own (c, g_new (double, sw->n_points));

  for (guint i = 0; i < sw->n_points; i++)
    {
      x[i] = sw->points[i].k;
      y[i] = silhouette ? sw->points[i].silhouette : sw->points[i].inertia;
    }
  *s = (SegLineSeries) { name, sw->n_points, x, y, 0 };
}

static void
sweep_line_common (DashChart      *c,
                   const SegKSweep *sw,
                   SegLineSeries  *series,
                   guint           n_series)
{
  SegLineData *d = &c->u.line;
  guint chosen = chosen_k (c);

  c->toolkit = DASH_TK_LINE;
  c->extra = (gpointer) sw;
  c->hit = sweep_hit;
  d->x_label = _("Number of clusters (k)");
  d->n_series = n_series;
  d->series = series;
  d->marked_x = sw->suggested_k;
  d->marked_label = seg_dashboard_own_printf (c, _("Suggested k = %u"), sw->suggested_k);
  /* a k picked by hand is marked beside the suggested one */
  if (chosen != 0 && chosen != sw->suggested_k)
    {
      d->chosen_x = chosen;
      d->chosen_label = seg_dashboard_own_printf (c, _("Chosen k = %u"), chosen);
    }
  d->x_format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_INTEGER);
  d->integer_x = TRUE;
}

gboolean
seg_dashboard_build_elbow (DashChart *c,
                           char     **why)
{
  const SegKSweep *sw = need_sweep (c, why);
  SegLineSeries *series;
  guint n_series = 1;

  if (sw == NULL)
    return FALSE;
  series = seg_dashboard_own (c, g_new0 (SegLineSeries, 2));
  sweep_series (c, sw, &series[0], _("Inertia (WCSS)"), FALSE);
  for (guint i = 0; i < sw->n_points && sw->elbow_k != 0; i++)
    if (sw->points[i].k == sw->elbow_k)
      {
        /* the elbow as a one-point series of its own colour, with a legend */
        double *x = seg_dashboard_own (c, g_new (double, 1));
        double *y = seg_dashboard_own (c, g_new (double, 1));
        *x = sw->elbow_k;
        *y = sw->points[i].inertia;
        series[1] = (SegLineSeries) { seg_dashboard_own_printf (c, _("Elbow at k = %u"), sw->elbow_k), 1, x, y, 3 };
        n_series = 2;
      }
  sweep_line_common (c, sw, series, n_series);
  c->u.line.title = seg_chart_kind_title (SEG_CHART_ELBOW);
  c->u.line.subtitle = sw->reason;
  c->u.line.y_label = _("Inertia");
  c->u.line.y_format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_COMPACT);
  return TRUE;
}

gboolean
seg_dashboard_build_silhouette_k (DashChart *c,
                                  char     **why)
{
  const SegKSweep *sw = need_sweep (c, why);
  SegLineSeries *series;
  gboolean any = FALSE;
  SegNumberFormat two = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PLAIN);

  if (sw == NULL)
    return FALSE;
  for (guint i = 0; i < sw->n_points; i++)
    any |= isfinite (sw->points[i].silhouette);
  if (!any)
    {
      *why = g_strdup (_("Silhouettes need a range of k that reaches 2 or more"));
      return FALSE;
    }
  series = seg_dashboard_own (c, g_new0 (SegLineSeries, 1));
  sweep_series (c, sw, series, _("Average silhouette"), TRUE);
  sweep_line_common (c, sw, series, 1);
  two.decimals = 2;
  c->u.line.title = seg_chart_kind_title (SEG_CHART_SILHOUETTE_K);
  c->u.line.subtitle = sw->silhouette_sampled
                       ? seg_dashboard_own_printf (c, _("Higher is better · estimated on a random sample of %u customers"),
                                                   sw->silhouette_sample_size)
                       : _("Higher is better · computed on every customer");
  c->u.line.y_label = _("Average silhouette");
  c->u.line.y_format = two;
  return TRUE;
}

/* ------------------------------------------------ silhouette plot */

gboolean
seg_dashboard_build_silhouette_plot (DashChart *c,
                                     char     **why)
{
  const SegClusters *cl = need_fit (c, why);
  SegSilhouetteData *d = &c->u.silhouette;
  int *cluster;
  gsize used = 0, n;
  g_autofree char *count = NULL;

  if (cl == NULL)
    return FALSE;
  n = seg_clusters_get_n_customers (cl);
  for (gsize i = 0; seg_clusters_get_silhouette (cl) != NULL && i < n; i++)
    used += isfinite (seg_clusters_get_silhouette (cl)[i]);
  if (seg_clusters_get_k (cl) < 2 || used == 0)
    {
      *why = g_strdup (_("Silhouettes need two clusters or more"));
      return FALSE;
    }
  cluster = seg_dashboard_own (c, g_new (int, n));
  for (gsize i = 0; i < n; i++)
    cluster[i] = (int) seg_clusters_get_labels (cl)[i];
  count = seg_dashboard_format_count ((double) used);
  c->toolkit = DASH_TK_SILHOUETTE;
  c->linked = clusters_linked (c);
  d->title = seg_chart_kind_title (SEG_CHART_SILHOUETTE_PLOT);
  d->subtitle = seg_clusters_get_silhouette_sampled (cl)
                ? seg_dashboard_own_printf (c, _("k = %u · sampled: %s of the customers"), seg_clusters_get_k (cl), count)
                : seg_dashboard_own_printf (c, _("k = %u · all %s customers"), seg_clusters_get_k (cl), count);
  d->n = n;
  d->values = seg_clusters_get_silhouette (cl);
  d->cluster = cluster;
  d->n_clusters = seg_clusters_get_k (cl);
  d->cluster_names = (const char *const *) seg_clusters_get_names (cl);
  d->average = NAN;
  return TRUE;
}

/* ------------------------------------------------- profile heat map */

/* Cells of clusters other than the highlighted one fade like faded rows. */
static void
profile_overlay (DashChart *c,
                 cairo_t   *cr,
                 double     width,
                 double     height)
{
  const SegHeatData *d = &c->u.heat;
  int hl = c->style.highlight_group;
  DashHeatGeom g;
  SegRgba veil = c->style.background;

  if (!c->transposed || hl < 0 || !seg_dashboard_heat_geometry (d, &c->style, width, height, &g))
    return;
  veil.a = c->style.fade;
  seg_chart_text_set_color (cr, veil);
  for (guint col = 0; col < d->n_cols; col++)
    if ((int) col != hl)
      cairo_rectangle (cr, g.x + col * g.cell_w, g.y, g.cell_w, d->n_rows * g.cell_h);
  cairo_fill (cr);
}

static void
profile_hit (DashChart   *c,
             double       width,
             double       height,
             SegChartHit *hit)
{
  const SegClusters *cl = seg_result_get_clusters (c->result);
  int l, j;
  g_autofree char *z = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *size = NULL;
  SegNumberFormat two = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PLAIN);

  (void) width, (void) height;
  if (hit->kind != SEG_CHART_HIT_ITEM || hit->row < 0 || hit->col < 0)
    return;
  l = c->transposed ? hit->col : hit->row;
  j = c->transposed ? hit->row : hit->col;
  hit->group = l;
  two.decimals = 2;
  z = seg_number_format (&two, c->u.heat.values[hit->index]);
  pretty = seg_dashboard_pretty_column (seg_clusters_get_features (cl)[j]);
  size = seg_dashboard_format_count (seg_clusters_get_sizes (cl)[l]);
  g_free (hit->tooltip);
  hit->tooltip = g_strdup_printf (_("%s — %s\n%s SD from the average customer\n%s customers"),
                                  seg_clusters_get_names (cl)[l], pretty, z, size);
}

static char *
signed_text (double v)
{
  char *s;

  if (!isfinite (v))
    return g_strdup ("–");
  if (fabs (v) < 0.05)
    return g_strdup ("0.0");
  s = g_strdup_printf ("%s%.1f", v > 0 ? "+" : "\xe2\x88\x92", fabs (v));
  return s;
}

static void
profile_cells (DashChart         *c,
               const SegClusters *cl,
               const double      *z,
               double            *values,
               const char       **text,
               double            *limit)
{
  guint k = seg_clusters_get_k (cl), p = seg_clusters_get_n_features (cl);

  *limit = 0;
  for (guint l = 0; l < k; l++)
    for (guint j = 0; j < p; j++)
      {
        double v = z[(gsize) l * p + j];
        gsize idx = c->transposed ? (gsize) j * k + l : (gsize) l * p + j;
        values[idx] = v;
        text[idx] = seg_dashboard_own (c, signed_text (v));
        if (isfinite (v))
          *limit = MAX (*limit, fabs (v));
      }
}

gboolean
seg_dashboard_build_profile (DashChart *c,
                             char     **why)
{
  const SegClusters *cl = need_fit (c, why);
  SegHeatData *d = &c->u.heat;
  const double *z;
  const char **features, **clusters, **text;
  double *values, limit;
  int *groups;
  guint k, p;

  if (cl == NULL)
    return FALSE;
  k = seg_clusters_get_k (cl);
  p = seg_clusters_get_n_features (cl);
  z = seg_clusters_get_profile (cl);
  /* many features read better down the side than rotated along the bottom */
  c->transposed = p > k && p > 6;
  values = seg_dashboard_own (c, g_new (double, (gsize) k * p));
  text = seg_dashboard_own_strv (c, k * p);
  features = seg_dashboard_own_strv (c, p);
  clusters = seg_dashboard_own_strv (c, k);
  groups = seg_dashboard_own (c, g_new (int, k));
  for (guint j = 0; j < p; j++)
    features[j] = seg_dashboard_own (c, seg_dashboard_pretty_column (seg_clusters_get_features (cl)[j]));
  for (guint l = 0; l < k; l++)
    {
      clusters[l] = seg_clusters_get_names (cl)[l];
      groups[l] = (int) l;
    }
  profile_cells (c, cl, z, values, text, &limit);
  c->toolkit = DASH_TK_HEAT;
  c->linked = clusters_linked (c);
  c->overlay = profile_overlay;
  c->hit = profile_hit;
  d->title = seg_chart_kind_title (SEG_CHART_PROFILE_HEATMAP);
  d->subtitle = seg_dashboard_own_printf (c, _("k = %u · mean of each feature in standard deviations from the average customer"), k);
  d->n_rows = c->transposed ? p : k;
  d->n_cols = c->transposed ? k : p;
  d->row_labels = c->transposed ? features : clusters;
  d->col_labels = c->transposed ? clusters : features;
  d->values = values;
  d->cell_text = text;
  d->format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PLAIN);
  d->format.decimals = 1;
  d->scale = SEG_HEAT_DIVERGING;
  d->limit = CLAMP (limit, 1.0, 2.5);
  d->row_groups = c->transposed ? NULL : groups;
  d->scale_label = _("SD");
  return TRUE;
}
