/* seg-report-content.c — what the PDF report says, as a list of blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The title page, the dashboard's panes in the window's order (Overview,
 * Segments, RFM, Clusters, Churn & value) with the same charts, the segment
 * tables, the personas, and a methods appendix with every setting and fitted
 * parameter a reader needs to trust or repeat the analysis.  Sections of
 * methods that did not run are left out; the appendix says why.
 */
#define G_LOG_DOMAIN "seg-report"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "seg-format.h"
#include "seg-report-private.h"
#include "seg-rules.h"

#define TOP_LIMIT 10
#define CENTROID_COLUMNS 6

/* ------------------------------------------------------------ blocks */

static ReportBlock *
block_add (ReportDoc *doc,
           BlockKind  kind)
{
  ReportBlock *b = g_new0 (ReportBlock, 1);

  b->kind = kind;
  g_ptr_array_add (doc->blocks, b);
  return b;
}

static void
add_heading (ReportDoc  *doc,
             int         level,
             const char *text)
{
  ReportBlock *b = block_add (doc, BLOCK_HEADING);

  b->level = level;
  b->text = g_strdup (text);
}

static ReportBlock *
add_text (ReportDoc  *doc,
          const char *text)
{
  ReportBlock *b = block_add (doc, BLOCK_TEXT);

  b->text = g_strdup (text);
  return b;
}

G_GNUC_PRINTF (2, 3)
static ReportBlock *
add_textf (ReportDoc  *doc,
           const char *format,
           ...)
{
  ReportBlock *b = block_add (doc, BLOCK_TEXT);
  va_list args;

  va_start (args, format);
  b->text = g_strdup_vprintf (format, args);
  va_end (args);
  return b;
}

static void
add_bullet (ReportDoc  *doc,
            const char *text)
{
  ReportBlock *b = add_textf (doc, "•  %s", text);
  b->indent = 8;
}

/* A chart that is available for the result; the caption gets its figure
 * number.  Unavailable charts are left out (the appendix says why). */
static gboolean
add_chart (ReportDoc    *doc,
           SegChartKind  kind,
           const char   *colour_by,
           const char   *feature,
           double        vheight,
           const char   *caption)
{
  SegChartParams params = doc->params;
  ReportBlock *b;

  params.colour_by = colour_by;
  params.feature = feature;
  if (!seg_dashboard_available (kind, doc->result, &params, NULL))
    return FALSE;
  b = block_add (doc, BLOCK_CHART);
  b->chart = kind;
  b->colour_by = g_strdup (colour_by);
  b->feature = g_strdup (feature);
  b->vheight = vheight;
  doc->n_figures++;
  b->caption = caption != NULL ? g_strdup_printf (_("Figure %u. %s"), doc->n_figures, caption)
                               : g_strdup_printf (_("Figure %u."), doc->n_figures);
  return TRUE;
}

/* Tables are filled row by row: table_begin (), table_cell () n_cols times
 * per row, table_end (). */
typedef struct
{
  ReportBlock *block;
  GPtrArray   *cells;
  GArray      *groups;
} Table;

static void
table_begin (Table      *t,
             ReportDoc  *doc,
             const char *title,
             const char *subtitle,
             guint       n_cols,
             ...)
{
  va_list args;

  t->block = block_add (doc, BLOCK_TABLE);
  t->block->title = g_strdup (title);
  t->block->subtitle = g_strdup (subtitle);
  t->block->n_cols = n_cols;
  t->block->headers = g_new0 (char *, n_cols + 1);
  t->block->numeric = g_new0 (gboolean, n_cols);
  va_start (args, n_cols);
  for (guint c = 0; c < n_cols; c++)
    {
      t->block->headers[c] = g_strdup (va_arg (args, const char *));
      t->block->numeric[c] = c > 0;
    }
  va_end (args);
  t->cells = g_ptr_array_new ();
  t->groups = NULL;
}

static void
table_cell (Table      *t,
            const char *text)
{
  g_ptr_array_add (t->cells, g_strdup (text != NULL ? text : "–"));
}

/* Takes @text. */
static void
table_cell_take (Table *t,
                 char  *text)
{
  g_ptr_array_add (t->cells, text != NULL ? text : g_strdup ("–"));
}

static void
table_group (Table *t,
             int    group)
{
  if (t->groups == NULL)
    t->groups = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (t->groups, group);
}

static void
table_end (Table      *t,
           ReportDoc  *doc,
           const char *caption)
{
  ReportBlock *b = t->block;

  g_assert (t->cells->len % b->n_cols == 0);
  b->n_rows = t->cells->len / b->n_cols;
  b->cells = (char **) g_ptr_array_free (t->cells, FALSE);
  if (t->groups != NULL)
    {
      g_assert (t->groups->len == b->n_rows);
      b->groups = (int *) (gpointer) g_array_free (t->groups, FALSE);
    }
  doc->n_tables++;
  if (caption != NULL)
    b->caption = g_strdup_printf (_("Table %u. %s"), doc->n_tables, caption);
}

/* ------------------------------------------------------------ numbers */

static char *
fmt_count (double v)
{
  return seg_format_integer (v);
}

static char *
fmt_money (const ReportDoc *doc,
           double           v)
{
  SegNumberFormat f = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PLAIN);

  f.decimals = 2;
  if (doc->params.currency != NULL && *doc->params.currency != '\0')
    {
      f.kind = SEG_NUMBER_CURRENCY;
      f.symbol = doc->params.currency;
    }
  return seg_number_format (&f, v);
}

static char *
fmt_pct (double fraction)
{
  return seg_format_percent (fraction, 1);
}

static char *
fmt_fixed (double v,
           int    decimals)
{
  return seg_format_fixed (v, decimals);
}

/* Fitted parameters: six significant digits, as summary.json has them to
 * full precision. */
static char *
fmt_param (double v)
{
  if (!isfinite (v))
    return g_strdup ("–");
  return g_strdup_printf ("%.6g", v);
}

/* ---------------------------------------------------------- the data set */

char *
seg_report_dataset_name (const SegResult *result)
{
  SegDataset *ds = seg_result_get_dataset (result);
  g_autofree char *dir = NULL;
  gboolean same = TRUE;
  guint n = ds != NULL ? seg_dataset_get_n_inputs (ds) : 0;

  if (n == 0)
    return g_strdup (_("Customers"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *d = g_path_get_dirname (seg_table_get_path (seg_dataset_get_input (ds, i)->table));
      if (dir == NULL)
        dir = g_steal_pointer (&d);
      else if (!g_str_equal (dir, d))
        same = FALSE;
    }
  if (n > 1 && same && !g_str_equal (dir, ".") && !g_str_equal (dir, "/"))
    {
      g_autofree char *abs = g_canonicalize_filename (dir, NULL);
      return g_path_get_basename (abs);
    }
  {
    char *base = g_strdup (seg_table_get_name (seg_dataset_get_input (ds, 0)->table));
    char *dot = strrchr (base, '.');
    if (dot != NULL && dot != base)
      *dot = '\0';
    return base;
  }
}

static const char *
role_label (SegFileRole role)
{
  switch (role)
    {
    case SEG_FILE_ROLE_CUSTOMERS: return _("Customers");
    case SEG_FILE_ROLE_TRANSACTIONS: return _("Transactions");
    case SEG_FILE_ROLE_ACTIVITY: return _("Activity");
    default: return _("Unknown");
    }
}

static const char *
method_label (const char *method)
{
  if (g_strcmp0 (method, "rfm") == 0)
    return _("RFM segments");
  if (g_strcmp0 (method, "kmeans") == 0)
    return _("k-means clusters");
  return _("Rule segments");
}

static guint64
n_customers (const ReportDoc *doc)
{
  SegTable *t = seg_result_get_customers (doc->result);
  return t != NULL ? seg_table_get_n_rows (t) : 0;
}

static char *
methods_run (const ReportDoc *doc)
{
  const SegResult *r = doc->result;
  GString *s = g_string_new (NULL);
  struct { gboolean ran; const char *name; } m[] = {
    { seg_result_get_rules (r) != NULL, _("rules") },
    { seg_result_get_rfm (r) != NULL, _("RFM") },
    { seg_result_get_kmeans (r) != NULL, _("k-means") },
    { seg_result_get_pca (r) != NULL, _("PCA") },
    { seg_result_get_churn (r) != NULL, _("churn") },
    { seg_result_get_clv (r) != NULL, _("lifetime value") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    if (m[i].ran)
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", m[i].name);
  if (s->len == 0)
    g_string_append (s, _("customer metrics only"));
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------ title page */

static void
title_page (ReportDoc *doc)
{
  SegDataset *ds = seg_result_get_dataset (doc->result);
  ReportBlock *b = block_add (doc, BLOCK_TITLE);
  g_autofree char *customers = fmt_count ((double) n_customers (doc));
  g_autofree char *methods = methods_run (doc);
  Table t;

  b->text = g_strdup (_("Customer segmentation report"));
  b = add_text (doc, doc->dataset_name);
  b->bold = TRUE;
  add_textf (doc, _("Data as of %s · %s customers · made on %s with Segmenta %s"),
             doc->as_of, customers, doc->made, PACKAGE_VERSION);

  table_begin (&t, doc, _("About this analysis"), NULL, 2, _("Item"), _("Value"));
  t.block->numeric[1] = FALSE;
  table_cell (&t, _("Data set"));
  table_cell (&t, doc->dataset_name);
  table_cell (&t, _("As of"));
  table_cell (&t, doc->as_of);
  table_cell (&t, _("Customers"));
  table_cell (&t, customers);
  table_cell (&t, _("Methods"));
  table_cell (&t, methods);
  table_cell (&t, _("Report made"));
  table_cell (&t, doc->made);
  table_end (&t, doc, NULL);

  table_begin (&t, doc, _("Inputs"), _("The files joined on the customer id"), 4,
               _("File"), _("Role"), _("Rows read"), _("Problems"));
  for (guint i = 0; ds != NULL && i < seg_dataset_get_n_inputs (ds); i++)
    {
      const SegInputInfo *in = seg_dataset_get_input (ds, i);
      const SegReadReport *rep = seg_table_get_report (in->table);

      table_cell (&t, seg_table_get_path (in->table));
      table_cell (&t, role_label (in->role));
      table_cell_take (&t, fmt_count ((double) in->rows));
      table_cell_take (&t, fmt_count ((double) rep->n_problems));
    }
  t.block->numeric[1] = FALSE;
  table_end (&t, doc, _("Rows read are the rows accepted by the reader; the methods appendix lists what was left out and why."));
}

/* ------------------------------------------------------------ overview */

static void
segment_table (ReportDoc  *doc,
               const char *method)
{
  const SegSegmentation *seg = seg_result_get_segmentation (doc->result, method);
  const SegChurn *churn = seg_result_get_churn (doc->result);
  const SegClv *clv = seg_result_get_clv (doc->result);
  const SegBySegment *cby = churn ? seg_churn_get_by (churn, method) : NULL;
  const SegBySegment *vby = clv ? seg_clv_get_by (clv, method) : NULL;
  gboolean has_churn = cby != NULL && cby->n_segments == (seg ? seg->n_segments : 0) && cby->n_segments > 0;
  gboolean has_clv = vby != NULL && vby->n_segments == (seg ? seg->n_segments : 0) && vby->n_segments > 0;
  g_autofree char *title = NULL;
  g_autofree char *n = fmt_count ((double) n_customers (doc));
  g_autofree char *sub = NULL;
  Table t;

  if (seg == NULL)
    return;
  title = g_strdup_printf (_("Segment table: %s"), method_label (method));
  sub = g_strdup_printf (_("%s customers"), n);
  table_begin (&t, doc, title, sub, 5 + has_churn + has_clv, _("Segment"), _("Customers"), _("Share"),
               _("Total spend"), _("Average spend"), _("Churn rate"), _("Average CLV"));
  if (!has_churn && has_clv)
    {
      g_free (t.block->headers[5]);
      t.block->headers[5] = g_strdup (_("Average CLV"));
    }
  for (guint s = 0; s < seg->n_segments; s++)
    {
      const SegSegment *sg = &seg->segments[s];
      const char *name = sg->name;

      if (g_str_equal (method, "kmeans") && doc->options->persona_names != NULL &&
          s < doc->options->n_personas && doc->options->persona_names[s] != NULL)
        name = doc->options->persona_names[s];
      table_cell (&t, name);
      table_cell_take (&t, fmt_count (sg->customers));
      table_cell_take (&t, fmt_pct (sg->share));
      table_cell_take (&t, fmt_money (doc, sg->total_spent));
      table_cell_take (&t, fmt_money (doc, sg->avg_spent));
      if (has_churn)
        table_cell_take (&t, fmt_pct (cby->churn_rate[s]));
      if (has_clv)
        table_cell_take (&t, fmt_money (doc, vby->avg_clv[s]));
      table_group (&t, (int) s);
    }
  table_end (&t, doc, _("The rows of segments.csv for this method. Churn rate: share of the scored customers labelled churned. Average CLV: over customers with a value."));
}

static void
overview (ReportDoc *doc)
{
  g_autofree char *kpi_caption = g_strdup_printf (_("Figures as of %s. Active: last purchase at most 90 days before that date, among customers who bought."),
                                                  doc->as_of);

  add_heading (doc, 0, _("Overview"));
  add_chart (doc, SEG_CHART_KPIS, NULL, NULL, 190, kpi_caption);
  add_chart (doc, SEG_CHART_SEGMENT_SIZES, NULL, NULL, 0,
             _("Customers per segment of the first segmentation that ran (rules, else RFM, else clusters)."));
  add_chart (doc, SEG_CHART_SPEND_BY_SEGMENT, NULL, NULL, 0,
             _("Value per segment: lifetime value when it was computed, else total spend."));
  add_chart (doc, SEG_CHART_PCA_SCATTER, NULL, NULL, 0,
             _("Every customer on the first two principal components of the scaled features, coloured by segment; crosses mark the cluster centres."));
}

/* ------------------------------------------------------------ segments */

/* Larger spend first, missing spend last, then file order. */
static gboolean
spends_more (const double *spend,
             guint64       a,
             guint64       b)
{
  double x = spend[a], y = spend[b];

  if (isnan (x) != isnan (y))
    return isnan (y);
  if (x != y && !isnan (x))
    return x > y;
  return a < b;
}

/* The TOP_LIMIT biggest spenders among the rows @keep accepts. */
static GArray *
top_spenders (SegTable *customers,
              gboolean (*keep) (SegTable *customers, guint64 row),
              guint64   *n_kept)
{
  const SegColumn *spend = seg_table_find_column (customers, "total_spent");
  GArray *best = g_array_new (FALSE, FALSE, sizeof (guint64));

  *n_kept = 0;
  if (spend == NULL || spend->num == NULL)
    return best;
  for (guint64 row = 0; row < seg_table_get_n_rows (customers); row++)
    {
      guint at;

      if (keep != NULL && !keep (customers, row))
        continue;
      (*n_kept)++;
      for (at = best->len; at > 0 && spends_more (spend->num, row, g_array_index (best, guint64, at - 1)); at--)
        ;
      if (at < TOP_LIMIT)
        {
          g_array_insert_val (best, at, row);
          if (best->len > TOP_LIMIT)
            g_array_set_size (best, TOP_LIMIT);
        }
    }
  return best;
}

static gboolean
inactive_but_buying (SegTable *customers,
                     guint64   row)
{
  const SegColumn *login = seg_table_find_column (customers, "days_since_login");
  const SegColumn *txns = seg_table_find_column (customers, "txn_count");

  return login->num[row] > 90 && txns->num[row] > 0;
}

static void
customer_table (ReportDoc  *doc,
                GArray     *rows,
                const char *title,
                const char *subtitle,
                const char *caption)
{
  SegTable *customers = seg_result_get_customers (doc->result);
  const SegSegmentation *rules = seg_result_get_rules (doc->result);
  const SegColumn *id = seg_table_get_column (customers, 0);
  const SegColumn *spend = seg_table_find_column (customers, "total_spent");
  const SegColumn *txns = seg_table_find_column (customers, "txn_count");
  const SegColumn *recency = seg_table_find_column (customers, "recency_days");
  Table t;

  table_begin (&t, doc, title, subtitle, 5, _("Customer"), _("Rule segment"), _("Total spend"),
               _("Transactions"), _("Days since last purchase"));
  t.block->numeric[1] = FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      guint64 row = g_array_index (rows, guint64, i);
      guint label = rules ? rules->labels[row] : G_MAXUINT;

      if (id->text != NULL)
        table_cell (&t, id->text[row]);
      else
        table_cell_take (&t, fmt_param (id->num ? id->num[row] : NAN));
      table_cell (&t, label < (rules ? rules->n_segments : 0) ? rules->segments[label].name : NULL);
      table_cell_take (&t, fmt_money (doc, spend->num[row]));
      table_cell_take (&t, txns && txns->num ? fmt_count (txns->num[row]) : NULL);
      table_cell_take (&t, recency && recency->num && isfinite (recency->num[row]) ? fmt_count (recency->num[row]) : NULL);
    }
  table_end (&t, doc, caption);
}

static void
segments_section (ReportDoc *doc)
{
  const SegRuleSet *rules = seg_result_get_rule_set (doc->result);
  const SegSegmentation *seg = seg_result_get_rules (doc->result);
  SegTable *customers = seg_result_get_customers (doc->result);
  const SegColumn *login = seg_table_find_column (customers, "days_since_login");
  const SegColumn *txns = seg_table_find_column (customers, "txn_count");
  g_autoptr(GArray) top = NULL;
  guint64 n_kept = 0;
  Table t;

  if (seg == NULL)
    return;
  add_heading (doc, 0, _("Segments"));
  add_text (doc, _("Each customer gets the first rule that holds, in the order below; customers no rule holds for form the default segment."));
  if (rules != NULL)
    {
      table_begin (&t, doc, _("Rules"), NULL, 3, _("Order"), _("Segment"), _("Condition"));
      t.block->numeric[1] = t.block->numeric[2] = FALSE;
      for (guint i = 0; i < seg_rule_set_get_n_rules (rules); i++)
        {
          table_cell_take (&t, g_strdup_printf ("%u", i + 1));
          table_cell (&t, seg_rule_set_get_name (rules, i));
          table_cell (&t, seg_rule_set_get_condition (rules, i));
        }
      table_cell (&t, "");
      table_cell (&t, seg_rule_set_get_default_name (rules));
      table_cell (&t, _("(everyone else)"));
      table_end (&t, doc, NULL);
    }
  segment_table (doc, "rules");
  add_chart (doc, SEG_CHART_BOX, "rules", "total_spent", 0,
             _("Total spend per rule segment: the box spans the middle half of the customers, the line is the median, whiskers reach 1.5 times the box."));
  top = top_spenders (customers, NULL, &n_kept);
  if (top->len > 0)
    customer_table (doc, top, _("Top spenders"), NULL,
                    _("The customers with the highest total spend."));
  if (login != NULL && login->num != NULL && txns != NULL && txns->num != NULL)
    {
      g_autoptr(GArray) inactive = top_spenders (customers, inactive_but_buying, &n_kept);
      g_autofree char *count = fmt_count ((double) n_kept);
      g_autofree char *sub = g_strdup_printf (_("%s customers have not logged in for 90 days but still transact"), count);

      if (inactive->len > 0)
        customer_table (doc, inactive, _("Inactive customers who still transact"), sub,
                        _("The biggest spenders among them: they buy without using the app or the site, and may leave unnoticed."));
    }
}

/* ------------------------------------------------------------ RFM */

static void
rfm_section (ReportDoc *doc)
{
  const SegRfmScores *scores = seg_result_get_rfm_scores (doc->result);

  if (seg_result_get_rfm (doc->result) == NULL)
    return;
  add_heading (doc, 0, _("RFM"));
  if (scores != NULL)
    {
      g_autofree char *scored = fmt_count ((double) scores->n_scored);
      add_textf (doc, _("Recency, frequency and monetary value scored in %u bins (%s customers with purchases); the R × F cell names the segment."),
                 scores->bins, scored);
    }
  add_chart (doc, SEG_CHART_RFM_GRID, "rfm", NULL, 470,
             _("Customers in each recency × frequency cell, with their average monetary value; cells of one segment share a name."));
  add_chart (doc, SEG_CHART_RFM_SIZES, "rfm", NULL, 0, _("Customers per RFM segment."));
  segment_table (doc, "rfm");
}

/* ------------------------------------------------------------ clusters */

static double
mean_silhouette (const SegClusters *clusters,
                 guint64            n)
{
  double sum = 0;
  guint64 count = 0;

  if (seg_clusters_get_sweep (clusters) != NULL && seg_clusters_get_k (clusters) > 0)
    for (guint i = 0; i < seg_clusters_get_sweep (clusters)->n_points; i++)
      if (seg_clusters_get_sweep (clusters)->points[i].k == seg_clusters_get_k (clusters))
        return seg_clusters_get_sweep (clusters)->points[i].silhouette;
  for (guint64 i = 0; seg_clusters_get_silhouette (clusters) != NULL && i < n; i++)
    if (isfinite (seg_clusters_get_silhouette (clusters)[i]))
      {
        sum += seg_clusters_get_silhouette (clusters)[i];
        count++;
      }
  return count ? sum / count : NAN;
}

static const char *
persona_name (const ReportDoc       *doc,
              const SegClusters     *clusters,
              guint                  i)
{
  if (doc->options->persona_names != NULL && i < doc->options->n_personas &&
      doc->options->persona_names[i] != NULL)
    return doc->options->persona_names[i];
  return seg_clusters_get_names (clusters) != NULL ? seg_clusters_get_names (clusters)[i] : NULL;
}

static const char *
persona_action (const ReportDoc       *doc,
                const SegClusters     *clusters,
                guint                  i)
{
  if (doc->options->persona_actions != NULL && i < doc->options->n_personas &&
      doc->options->persona_actions[i] != NULL)
    return doc->options->persona_actions[i];
  return seg_clusters_get_actions (clusters) != NULL ? seg_clusters_get_actions (clusters)[i] : NULL;
}

static void
personas (ReportDoc *doc)
{
  const SegClusters *clusters = seg_result_get_clusters (doc->result);
  const SegSegmentation *kmeans = seg_result_get_kmeans (doc->result);

  add_heading (doc, 1, _("Personas and recommended actions"));
  for (guint i = 0; i < kmeans->n_segments; i++)
    {
      g_autofree char *count = fmt_count (kmeans->segments[i].customers);
      g_autofree char *share = fmt_pct (kmeans->segments[i].share);
      const char *name = persona_name (doc, clusters, i);
      const char *action = persona_action (doc, clusters, i);
      g_autofree char *head = g_strdup_printf (_("Cluster %u · %s — %s customers (%s)"), i + 1,
                                               name ? name : kmeans->segments[i].name, count, share);
      g_autofree char *act = g_strdup_printf (_("Recommended action: %s"),
                                              action && *action ? action : _("none given"));
      /* one block, so that a persona and its action stay on one page */
      ReportBlock *b = block_add (doc, BLOCK_TEXT);

      b->markup = TRUE;
      b->text = g_markup_printf_escaped ("<b>%s</b>\n%s", head, act);
    }
}

static void
clusters_section (ReportDoc *doc)
{
  const SegClusters *clusters = seg_result_get_clusters (doc->result);
  const SegSegmentation *kmeans = seg_result_get_kmeans (doc->result);
  g_autofree char *sil = NULL;

  if (kmeans == NULL || clusters == NULL || seg_clusters_get_k (clusters) == 0)
    return;
  add_heading (doc, 0, _("Clusters"));
  sil = fmt_fixed (mean_silhouette (clusters, n_customers (doc)), 3);
  if (seg_clusters_get_sweep (clusters) != NULL && seg_clusters_get_sweep (clusters)->reason != NULL)
    add_textf (doc, _("k-means on %u scaled features found k = %u clusters. %s. Mean silhouette at k = %u: %s."),
               seg_clusters_get_n_features (clusters), seg_clusters_get_k (clusters), seg_clusters_get_sweep (clusters)->reason, seg_clusters_get_k (clusters), sil);
  else
    add_textf (doc, _("k-means on %u scaled features with k = %u clusters, as set. Mean silhouette: %s."),
               seg_clusters_get_n_features (clusters), seg_clusters_get_k (clusters), sil);
  add_chart (doc, SEG_CHART_ELBOW, "kmeans", NULL, 0,
             _("Within-cluster sum of squares by k; the bend (elbow) is where more clusters stop paying off."));
  add_chart (doc, SEG_CHART_SILHOUETTE_K, "kmeans", NULL, 0,
             _("Mean silhouette by k: how much closer customers are to their own cluster than to the next (−1 to 1, higher is better)."));
  add_chart (doc, SEG_CHART_PCA_SCATTER, "kmeans", NULL, 0,
             _("Customers on the first two principal components, coloured by cluster."));
  add_chart (doc, SEG_CHART_PROFILE_HEATMAP, "kmeans", NULL, MAX (400, 120 + 24 * (double) seg_clusters_get_n_features (clusters)),
             _("Each cluster's mean of each feature in standard deviations from the overall mean: red above, blue below."));
  add_chart (doc, SEG_CHART_SILHOUETTE_PLOT, "kmeans", NULL, 0,
             _("Silhouette plot: every customer's silhouette, sorted within each cluster; values below zero sit closer to another cluster."));
  add_chart (doc, SEG_CHART_BOX, "kmeans", "total_spent", 0, _("Total spend per cluster."));
  segment_table (doc, "kmeans");
  personas (doc);
}

/* ------------------------------------------------------------ churn, CLV */

static void
churn_section (ReportDoc *doc)
{
  const SegChurn *churn = seg_result_get_churn (doc->result);
  g_autofree char *scored = NULL, *rate = NULL, *acc = NULL, *auc = NULL, *label = NULL;

  if (churn == NULL)
    return;
  add_heading (doc, 0, _("Churn"));
  label = seg_dashboard_expression_label (seg_churn_get_label (churn));
  scored = fmt_count ((double) seg_churn_get_n_scored (churn));
  rate = fmt_pct (seg_churn_get_rate (churn));
  acc = fmt_pct (seg_churn_get_test_metrics (churn)->accuracy);
  auc = fmt_fixed (seg_churn_get_test_metrics (churn)->auc, 3);
  add_textf (doc, _("Churn risk from a logistic regression on the label “%s”: %s customers scored, %s of them churned. On the held-out quarter the model is right for %s of customers (ROC AUC %s)."),
             label, scored, rate, acc, auc);
  if (seg_churn_get_note (churn) != NULL)
    add_text (doc, seg_churn_get_note (churn))->muted = TRUE;
  if (seg_churn_get_warning (churn) != NULL)
    add_text (doc, seg_churn_get_warning (churn))->bold = TRUE;
  add_chart (doc, SEG_CHART_CHURN_BY_SEGMENT, NULL, NULL, 0, _("Share of each segment's scored customers labelled churned."));
  add_chart (doc, SEG_CHART_CHURN_HIST, NULL, NULL, 0,
             _("The model's churn probability for every scored customer, stacked by the actual label."));
  add_chart (doc, SEG_CHART_ROC, NULL, NULL, 0,
             _("ROC curve on the held-out customers: true against false positive rate at every threshold."));
  add_chart (doc, SEG_CHART_CONFUSION, NULL, NULL, 0,
             _("Held-out customers by actual and predicted label at the model's threshold."));
  add_chart (doc, SEG_CHART_ODDS_RATIOS, NULL, NULL, MAX (380, 130 + 22 * (double) seg_churn_get_n_features (churn)),
             _("Odds ratio per one standard deviation of each feature: above 1 raises the risk of churn, below 1 lowers it."));
}

static void
clv_section (ReportDoc *doc)
{
  const SegClv *clv = seg_result_get_clv (doc->result);
  g_autofree char *total = NULL, *mean = NULL;

  if (clv == NULL)
    return;
  add_heading (doc, 0, _("Customer lifetime value"));
  total = fmt_money (doc, clv->total);
  mean = fmt_money (doc, clv->mean);
  if (clv->method == SEG_CLV_METHOD_BGNBD)
    {
      g_autofree char *discount = seg_format_percent (clv->discount, -1);
      add_textf (doc, _("Lifetime value predicted by the BG/NBD and Gamma-Gamma models over %u months, discounted at %s a month: %s in all, %s per customer on average."),
                 clv->months, discount, total, mean);
    }
  else
    add_textf (doc, _("Lifetime value by the %s method: %s in all, %s per customer on average."),
               seg_dashboard_clv_method_label (clv->method), total, mean);
  add_chart (doc, SEG_CHART_CLV_BY_SEGMENT, NULL, NULL, 0, _("Average lifetime value per segment."));
  add_chart (doc, SEG_CHART_TOP_CLV, NULL, NULL, 0, _("The customers with the highest lifetime value."));
  add_chart (doc, SEG_CHART_P_ALIVE, NULL, NULL, 0,
             _("BG/NBD probability that a customer is still active, by frequency and recency."));
}

static void
cohort_section (ReportDoc *doc)
{
  if (!seg_dashboard_available (SEG_CHART_COHORTS, doc->result, NULL, NULL))
    return;
  add_heading (doc, 0, _("Cohort retention"));
  add_chart (doc, SEG_CHART_COHORTS, NULL, NULL, 0,
             _("Customers grouped by the month of their first purchase, and the share of each group that bought again in each later month."));
}

/* ------------------------------------------------------------ appendix */

static void
appendix_data (ReportDoc *doc)
{
  SegDataset *ds = seg_result_get_dataset (doc->result);
  Table t;

  add_heading (doc, 1, _("Data"));
  table_begin (&t, doc, _("What was read and what was left out"), NULL, 7, _("File"), _("Rows"),
               _("Rejected"), _("Filtered"), _("No customer id"), _("Repeated"), _("After as-of"));
  for (guint i = 0; ds != NULL && i < seg_dataset_get_n_inputs (ds); i++)
    {
      const SegInputInfo *in = seg_dataset_get_input (ds, i);

      table_cell (&t, seg_table_get_name (in->table));
      table_cell_take (&t, fmt_count ((double) in->rows));
      table_cell_take (&t, fmt_count ((double) in->skipped));
      table_cell_take (&t, fmt_count ((double) in->filtered));
      table_cell_take (&t, fmt_count ((double) in->no_customer_id));
      table_cell_take (&t, fmt_count ((double) in->duplicate_ids));
      table_cell_take (&t, fmt_count ((double) in->after_as_of));
    }
  table_end (&t, doc, NULL);
  for (guint i = 0; ds != NULL && i < seg_dataset_get_n_inputs (ds); i++)
    {
      const SegInputInfo *in = seg_dataset_get_input (ds, i);
      g_autofree char *line = g_strdup_printf (_("%s: %s (%s)%s%s"), seg_table_get_name (in->table),
                                               role_label (in->role),
                                               in->role_reason ? in->role_reason : "",
                                               in->proposal ? _("; calculated: ") : "",
                                               in->proposal ? in->proposal : "");
      add_bullet (doc, line);
    }
}

static void
appendix_kmeans (ReportDoc *doc)
{
  const SegClusters *c = seg_result_get_clusters (doc->result);
  const SegAnalysisOptions *o = seg_result_get_options (doc->result);
  const SegKSweep *sweep;
  const SegScaleReport *sc;
  const char * const *features;
  guint k, p;
  Table t;

  if (c == NULL || seg_clusters_get_k (c) == 0)
    return;
  sweep = seg_clusters_get_sweep (c);
  sc = seg_clusters_get_scaling (c);
  features = seg_clusters_get_features (c);
  k = seg_clusters_get_k (c);
  p = seg_clusters_get_n_features (c);
  add_heading (doc, 1, _("k-means"));
  if (sweep != NULL)
    add_textf (doc, _("k = %u. Why: %s. Swept k = %u…%u."), k, sweep->reason ? sweep->reason : "",
               sweep->points[0].k, sweep->points[sweep->n_points - 1].k);
  else
    add_textf (doc, _("k = %u, set by the user (no sweep)."), k);
  {
    g_autofree char *inertia = fmt_param (seg_clusters_get_inertia (c));
    g_autofree char *sampled = fmt_count (sweep ? (double) sweep->silhouette_sample_size
                                                   : (double) n_customers (doc));
    add_textf (doc, _("Seed %" PRIu64 ", %u restarts (k-means++), %u iterations in the kept run, inertia %s. Silhouettes on %s customers%s."),
               o->seed, o->n_init, seg_clusters_get_n_iter (c), inertia, sampled,
               seg_clusters_get_silhouette_sampled (c) ? _(" (a sample)") : "");
  }

  table_begin (&t, doc, _("Features"), _("Scaled to mean 0 and standard deviation 1 before clustering"), 5,
               _("Feature"), _("Transform"), _("Mean"), _("Standard deviation"), _("Imputed"));
  for (guint j = 0; j < p; j++)
    {
      table_cell (&t, features[j]);
      table_cell (&t, sc && sc->log1p && sc->log1p[j] ? "log1p" : "–");
      table_cell_take (&t, sc ? fmt_param (sc->mean[j]) : NULL);
      table_cell_take (&t, sc ? fmt_param (sc->scale[j]) : NULL);
      table_cell_take (&t, sc ? fmt_count (sc->n_imputed[j]) : NULL);
    }
  table_end (&t, doc, _("Missing values are replaced by the column mean; near-constant columns keep scale 1."));

  if (sweep != NULL)
    {
      table_begin (&t, doc, _("The k sweep"), NULL, 5, "k", _("Inertia"), _("Silhouette"),
                   _("Calinski–Harabasz"), _("Davies–Bouldin"));
      for (guint i = 0; i < sweep->n_points; i++)
        {
          const SegKSweepPoint *pt = &sweep->points[i];
          table_cell_take (&t, g_strdup_printf ("%u", pt->k));
          table_cell_take (&t, fmt_fixed (pt->inertia, 1));
          table_cell_take (&t, fmt_fixed (pt->silhouette, 4));
          table_cell_take (&t, fmt_fixed (pt->calinski_harabasz, 2));
          table_cell_take (&t, fmt_fixed (pt->davies_bouldin, 4));
        }
      table_end (&t, doc, _("Silhouette and Calinski–Harabasz: higher is better; Davies–Bouldin: lower is better."));
    }

  /* centroids in the features' own units, a few clusters per table */
  for (guint c0 = 0; c0 < k; c0 += CENTROID_COLUMNS)
    {
      guint nc = MIN (CENTROID_COLUMNS, k - c0);
      g_autofree char *title = g_strdup_printf (_("Cluster centres (clusters %u–%u)"), c0 + 1, c0 + nc);

      table_begin (&t, doc, nc == k ? _("Cluster centres") : title, NULL, nc + 1, _("Feature"),
                   "", "", "", "", "", "");
      for (guint l = 0; l < nc; l++)
        {
          g_free (t.block->headers[l + 1]);
          t.block->headers[l + 1] = g_strdup_printf (_("Cluster %u"), c0 + l + 1);
        }
      for (guint j = 0; j < p; j++)
        {
          table_cell (&t, features[j]);
          for (guint l = 0; l < nc; l++)
            table_cell_take (&t, fmt_param (seg_clusters_get_centroids (c)[(gsize) (c0 + l) * p + j]));
        }
      table_end (&t, doc, c0 + nc >= k ? _("Each cluster's centre in the features' own units.") : NULL);
    }
}

static void
appendix_pca (ReportDoc *doc)
{
  const SegPca *pca = seg_result_get_pca (doc->result);
  double cumulative = 0;
  Table t;

  if (pca == NULL || pca->n_components == 0)
    return;
  add_heading (doc, 1, _("Principal components"));
  table_begin (&t, doc, _("Explained variance"), NULL, 4, _("Component"), _("Variance"), _("Share"), _("Cumulative"));
  for (guint i = 0; i < MIN (pca->n_components, 10u); i++)
    {
      cumulative += pca->explained_variance_ratio[i];
      table_cell_take (&t, g_strdup_printf ("PC%u", i + 1));
      table_cell_take (&t, fmt_param (pca->explained_variance[i]));
      table_cell_take (&t, fmt_pct (pca->explained_variance_ratio[i]));
      table_cell_take (&t, fmt_pct (cumulative));
    }
  table_end (&t, doc, NULL);
  if (pca->n_components >= 2)
    {
      const SegClusters *c = seg_result_get_clusters (doc->result);
      table_begin (&t, doc, _("Loadings"), NULL, 3, _("Feature"), "PC1", "PC2");
      for (guint j = 0; j < pca->p; j++)
        {
          table_cell (&t, c != NULL && j < seg_clusters_get_n_features (c) ? seg_clusters_get_features (c)[j] : NULL);
          table_cell_take (&t, fmt_fixed (pca->components[j], 3));
          table_cell_take (&t, fmt_fixed (pca->components[pca->p + j], 3));
        }
      table_end (&t, doc, _("The weight of each scaled feature in the first two components (the axes of the customer map)."));
    }
}

static void
appendix_churn (ReportDoc *doc)
{
  const SegChurn *ch = seg_result_get_churn (doc->result);
  g_autofree char *threshold = NULL, *intercept = NULL;
  Table t;

  if (ch == NULL)
    return;
  add_heading (doc, 1, _("Churn model"));
  threshold = fmt_param (seg_churn_get_threshold (ch));
  intercept = fmt_param (seg_churn_get_intercept (ch));
  add_textf (doc, _("L2-regularised logistic regression on z-scored features; label “%s”; churn predicted above probability %s; intercept %s. A quarter of the customers is held out for testing."),
             seg_churn_get_label (ch), threshold, intercept);
  if (seg_churn_get_n_excluded (ch) > 0)
    {
      table_begin (&t, doc, _("Excluded churn features"), NULL, 2, _("Feature"), _("Why"));
      t.block->numeric[1] = FALSE;
      for (guint i = 0; i < seg_churn_get_n_excluded (ch); i++)
        {
          table_cell (&t, seg_churn_get_excluded (ch)[i]);
          table_cell (&t, seg_churn_get_excluded_reasons (ch)[i]);
        }
      table_end (&t, doc, NULL);
    }
  table_begin (&t, doc, _("Coefficients"), NULL, 3, _("Feature"), _("Coefficient (per SD)"), _("Odds ratio"));
  for (guint j = 0; j < seg_churn_get_n_features (ch); j++)
    {
      table_cell (&t, seg_churn_get_features (ch)[j]);
      table_cell_take (&t, fmt_fixed (seg_churn_get_coefficients (ch)[j], 4));
      table_cell_take (&t, fmt_fixed (seg_churn_get_odds_ratios (ch)[j], 4));
    }
  table_end (&t, doc, NULL);

  table_begin (&t, doc, _("Model quality"), NULL, 3, _("Measure"), _("Held out"), _("Training"));
  {
    const SegBinaryMetrics *m[2] = { seg_churn_get_test_metrics (ch), seg_churn_get_train_metrics (ch) };
    const char *names[] = { _("Accuracy"), _("ROC AUC"), _("Precision"), _("Recall"),
                            _("True negatives"), _("False positives"), _("False negatives"), _("True positives") };
    for (guint r = 0; r < G_N_ELEMENTS (names); r++)
      {
        table_cell (&t, names[r]);
        for (guint k = 0; k < 2; k++)
          switch (r)
            {
            case 0: table_cell_take (&t, fmt_pct (m[k]->accuracy)); break;
            case 1: table_cell_take (&t, fmt_fixed (m[k]->auc, 3)); break;
            case 2: table_cell_take (&t, fmt_pct (m[k]->precision)); break;
            case 3: table_cell_take (&t, fmt_pct (m[k]->recall)); break;
            case 4: table_cell_take (&t, fmt_count ((double) m[k]->tn)); break;
            case 5: table_cell_take (&t, fmt_count ((double) m[k]->fp)); break;
            case 6: table_cell_take (&t, fmt_count ((double) m[k]->fn)); break;
            default: table_cell_take (&t, fmt_count ((double) m[k]->tp)); break;
            }
      }
  }
  table_end (&t, doc, NULL);
}

static void
appendix_clv (ReportDoc *doc)
{
  const SegClv *clv = seg_result_get_clv (doc->result);
  Table t;

  if (clv == NULL)
    return;
  add_heading (doc, 1, _("Lifetime value"));
  table_begin (&t, doc, _("Lifetime value settings and fitted parameters"), NULL, 2, _("Parameter"), _("Value"));
  table_cell (&t, _("Method"));
  table_cell (&t, seg_dashboard_clv_method_label (clv->method));
  if (clv->method == SEG_CLV_METHOD_FORMULA)
    {
      table_cell (&t, _("Formula"));
      table_cell (&t, clv->formula);
    }
  if (clv->method == SEG_CLV_METHOD_BGNBD)
    {
      struct { const char *name; double v; } rows[] = {
        { "BG/NBD r", clv->bgnbd.r }, { "BG/NBD α", clv->bgnbd.alpha },
        { "BG/NBD a", clv->bgnbd.a }, { "BG/NBD b", clv->bgnbd.b },
        { _("BG/NBD log-likelihood"), clv->bgnbd.log_likelihood },
        { "Gamma-Gamma p", clv->has_gamma_gamma ? clv->gamma_gamma.p : NAN },
        { "Gamma-Gamma q", clv->has_gamma_gamma ? clv->gamma_gamma.q : NAN },
        { "Gamma-Gamma v", clv->has_gamma_gamma ? clv->gamma_gamma.v : NAN },
      };
      table_cell (&t, _("Horizon"));
      table_cell_take (&t, g_strdup_printf (ngettext ("%u month", "%u months", clv->months), clv->months));
      table_cell (&t, _("Monthly discount"));
      table_cell_take (&t, fmt_pct (clv->discount));
      table_cell (&t, _("Time unit"));
      table_cell (&t, clv->unit == SEG_TIME_UNIT_WEEKS ? _("weeks") : _("days"));
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          table_cell (&t, rows[i].name);
          table_cell_take (&t, fmt_param (rows[i].v));
        }
    }
  t.block->numeric[1] = TRUE;
  table_end (&t, doc, NULL);
}

static void
appendix_notices (ReportDoc *doc)
{
  SegDataset *ds = seg_result_get_dataset (doc->result);
  GPtrArray *skipped = seg_result_get_skipped (doc->result);
  GPtrArray *notices = seg_result_get_notices (doc->result);
  guint n = 0;

  add_heading (doc, 1, _("Notices"));
  for (guint i = 0; skipped != NULL && i < skipped->len; i++, n++)
    {
      const SegSkipped *s = g_ptr_array_index (skipped, i);
      g_autofree char *line = g_strdup_printf (_("%s did not run: %s"), s->method, s->reason);
      add_bullet (doc, line);
    }
  for (guint i = 0; ds != NULL && i < seg_dataset_get_n_inputs (ds); i++)
    {
      const SegReadReport *rep = seg_table_get_report (seg_dataset_get_input (ds, i)->table);
      for (guint k = 0; k < rep->notices->len; k++, n++)
        {
          g_autofree char *line = g_strdup_printf ("%s: %s", seg_table_get_name (seg_dataset_get_input (ds, i)->table),
                                                   (char *) g_ptr_array_index (rep->notices, k));
          add_bullet (doc, line);
        }
    }
  for (guint i = 0; ds != NULL && i < seg_dataset_get_notices (ds)->len; i++, n++)
    add_bullet (doc, g_ptr_array_index (seg_dataset_get_notices (ds), i));
  for (guint i = 0; notices != NULL && i < notices->len; i++, n++)
    add_bullet (doc, g_ptr_array_index (notices, i));
  if (n == 0)
    add_text (doc, _("None."));
}

static void
appendix (ReportDoc *doc)
{
  const SegRfmScores *rfm = seg_result_get_rfm_scores (doc->result);

  add_heading (doc, 0, _("Methods"));
  add_textf (doc, _("Everything below is also in summary.json. Dates are counted as of %s."), doc->as_of);
  appendix_data (doc);
  if (seg_result_get_rfm (doc->result) != NULL && rfm != NULL)
    {
      add_heading (doc, 1, _("RFM"));
      add_textf (doc, _("%u bins scored the way %s does; customers without purchases get no score."), rfm->bins,
                 rfm->method == SEG_RFM_METHOD_NTILE ? "SQL NTILE" : rfm->method == SEG_RFM_METHOD_QCUT ? "pandas.qcut" : "pandas rank(method='first')");
    }
  appendix_kmeans (doc);
  appendix_pca (doc);
  appendix_churn (doc);
  appendix_clv (doc);
  appendix_notices (doc);
}

void
seg_report_build_content (ReportDoc *doc)
{
  SegDataset *ds = seg_result_get_dataset (doc->result);
  gint64 made = doc->options->made != 0 ? doc->options->made : g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (made);

  doc->dataset_name = doc->options->dataset_name != NULL ? g_strdup (doc->options->dataset_name)
                                                         : seg_report_dataset_name (doc->result);
  doc->as_of = ds != NULL ? seg_date_format_iso (seg_dataset_get_as_of (ds)) : NULL;
  if (doc->as_of == NULL)
    doc->as_of = g_strdup ("–");
  doc->made = g_date_time_format (when, "%Y-%m-%d %H:%M");
  title_page (doc);
  overview (doc);
  segments_section (doc);
  rfm_section (doc);
  clusters_section (doc);
  churn_section (doc);
  clv_section (doc);
  cohort_section (doc);
  appendix (doc);
}
