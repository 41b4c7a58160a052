/* seg-xlsx.c — the analysis as an Excel workbook (libxlsxwriter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Segments and Customers sheets are the very tables of segments.csv and
 * customers.csv (seg_result_format_segments (), read back typed, and
 * seg_result_build_customer_table ()), so the workbook and the CSV files
 * never disagree.  The workbook is written in libxlsxwriter's constant-memory
 * mode (a million customers do not sit in memory twice) to a temporary file
 * that SegPublish then renames over the target.
 */
#define G_LOG_DOMAIN "seg-xlsx"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "seg-csv-writer.h"
#include "seg-csv.h"
#include "seg-dashboard-private.h"
#include "seg-error.h"
#include "seg-job.h"
#include "seg-publish.h"
#include "seg-report-private.h"
#include "seg-rules.h"
#include "seg-xlsx.h"

/* Days from Excel's 1899-12-30 epoch to 1970-01-01. */
#define EXCEL_UNIX_EPOCH 25569.0
#define WIDTH_SAMPLE_ROWS 500

typedef struct
{
  lxw_workbook           *wb;
  const SegResult        *result;
  const SegReportOptions *options;
  SegChartParams          params;
  lxw_format             *header;
  lxw_format             *title;
  lxw_format             *section;
  lxw_format             *money;
  lxw_format             *percent;
  lxw_format             *integer;
  lxw_format             *decimal;
  lxw_format             *date;
  lxw_format             *wrap;
  GCancellable           *cancellable;
  SegProgressFunc         progress;
  gpointer                progress_data;
} Book;

typedef enum
{
  CELL_TEXT,
  CELL_NUMBER,
  CELL_MONEY,
  CELL_PERCENT,
  CELL_INTEGER,
  CELL_DATE,
  CELL_BOOLEAN,
} CellKind;

static void
make_formats (Book *b)
{
  char money[64];

  b->header = workbook_add_format (b->wb);
  format_set_bold (b->header);
  format_set_bottom (b->header, LXW_BORDER_THIN);
  b->title = workbook_add_format (b->wb);
  format_set_bold (b->title);
  format_set_font_size (b->title, 14);
  b->section = workbook_add_format (b->wb);
  format_set_bold (b->section);
  b->money = workbook_add_format (b->wb);
  if (b->params.currency != NULL && *b->params.currency != '\0')
    g_snprintf (money, sizeof money, "\"%s\"#,##0.00", b->params.currency);
  else
    g_strlcpy (money, "#,##0.00", sizeof money);
  format_set_num_format (b->money, money);
  b->percent = workbook_add_format (b->wb);
  format_set_num_format (b->percent, "0.0%");
  b->integer = workbook_add_format (b->wb);
  format_set_num_format (b->integer, "#,##0");
  b->decimal = workbook_add_format (b->wb);
  format_set_num_format (b->decimal, "#,##0.00##");
  b->date = workbook_add_format (b->wb);
  format_set_num_format (b->date, "yyyy-mm-dd");
  b->wrap = workbook_add_format (b->wb);
  format_set_text_wrap (b->wrap);
  format_set_align (b->wrap, LXW_ALIGN_VERTICAL_TOP);
}

static gboolean
check (lxw_error   err,
       const char *path,
       GError    **error)
{
  if (err == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, SEG_ERROR, SEG_ERROR_IO, _("%s: cannot write the workbook: %s"), path,
               lxw_strerror (err));
  return FALSE;
}

/* ------------------------------------------------------------ cells */

static lxw_error
write_text (Book          *b,
            lxw_worksheet *ws,
            lxw_row_t      row,
            lxw_col_t      col,
            const char    *text,
            lxw_format    *format)
{
  g_autofree char *safe = NULL;

  if (text == NULL || *text == '\0')
    return LXW_NO_ERROR;
  safe = seg_xlsx_neutralise (text);
  return worksheet_write_string (ws, row, col, safe, format);
}

static lxw_error
write_value (Book          *b,
             lxw_worksheet *ws,
             lxw_row_t      row,
             lxw_col_t      col,
             CellKind       kind,
             double         v)
{
  lxw_format *f = NULL;

  if (!isfinite (v))
    return LXW_NO_ERROR;   /* missing stays empty, as in the CSV */
  switch (kind)
    {
    case CELL_MONEY: f = b->money; break;
    case CELL_PERCENT: f = b->percent; break;
    case CELL_INTEGER: f = b->integer; break;
    case CELL_DATE: f = b->date; v += EXCEL_UNIX_EPOCH; break;
    case CELL_BOOLEAN: return worksheet_write_boolean (ws, row, col, v != 0, NULL);
    case CELL_NUMBER: f = v == floor (v) ? NULL : b->decimal; break;
    case CELL_TEXT:
    default: break;
    }
  return worksheet_write_number (ws, row, col, v, f);
}

/* How a numeric column of segments.csv or customers.csv is shown. */
static CellKind
column_kind (const SegColumn *col)
{
  static const char *const percent[] = { "share", "churn_rate", "churn_probability", "mean_churn_probability",
                                         "p_alive", NULL };
  static const char *const counts[] = { "customers", "txn_count", "recency_days", "tenure_days",
                                        "days_since_registration", "days_since_login", "rfm_r", "rfm_f",
                                        "rfm_m", "cluster", NULL };

  switch (col->type)
    {
    case SEG_COLUMN_TEXT: return CELL_TEXT;
    case SEG_COLUMN_DATE: return CELL_DATE;
    case SEG_COLUMN_BOOLEAN: return CELL_BOOLEAN;
    default: break;
    }
  if (g_strv_contains (percent, col->name))
    return CELL_PERCENT;
  if (g_strv_contains (counts, col->name))
    return CELL_INTEGER;
  if (seg_dashboard_is_money_column (col->name) || g_str_equal (col->name, "avg_clv"))
    return CELL_MONEY;
  return CELL_NUMBER;
}

/* Characters a column needs: its header and the first rows as text. */
static double
column_width (const SegColumn *col,
              guint64          n_rows,
              CellKind         kind)
{
  glong w = g_utf8_strlen (col->name, -1) + 3;   /* room for the filter button */

  for (guint64 r = 0; r < MIN (n_rows, (guint64) WIDTH_SAMPLE_ROWS); r++)
    {
      glong len;
      if (kind == CELL_TEXT)
        len = col->text && col->text[r] ? g_utf8_strlen (col->text[r], -1) : 0;
      else if (kind == CELL_DATE)
        len = 10;
      else if (kind == CELL_BOOLEAN)
        len = 5;
      else if (kind == CELL_PERCENT)
        len = 6;
      else
        {
          g_autofree char *s = col->num && isfinite (col->num[r]) ? g_strdup_printf ("%.2f", col->num[r]) : NULL;
          len = s ? (glong) strlen (s) + (glong) strlen (s) / 3 : 0;
        }
      w = MAX (w, len + 1);
    }
  return CLAMP ((double) w, 8.0, 48.0);
}

/* A typed table as a sheet: a frozen, filtered header row, then the rows.
 * @fix (nullable) may change a text cell (persona names). */
typedef const char *(*FixText) (Book *b, const SegTable *t, guint col, guint64 row, const char *text);

static gboolean
write_table (Book           *b,
             lxw_worksheet  *ws,
             const SegTable *t,
             guint64         max_rows,
             lxw_col_t       freeze_cols,
             FixText         fix,
             double          progress_from,
             double          progress_to,
             const char     *path,
             GError        **error)
{
  guint nc = seg_table_get_n_columns (t);
  guint64 nr = MIN (seg_table_get_n_rows (t), max_rows);
  g_autofree CellKind *kinds = g_new (CellKind, MAX (nc, 1));
  lxw_error err = LXW_NO_ERROR;

  for (guint c = 0; c < nc; c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      kinds[c] = column_kind (col);
      worksheet_set_column (ws, (lxw_col_t) c, (lxw_col_t) c, column_width (col, nr, kinds[c]), NULL);
      err = err ? err : worksheet_write_string (ws, 0, (lxw_col_t) c, col->name, b->header);
    }
  worksheet_freeze_panes (ws, 1, freeze_cols);
  if (nc > 0)
    err = err ? err : worksheet_autofilter (ws, 0, 0, (lxw_row_t) nr, (lxw_col_t) (nc - 1));
  for (guint64 r = 0; r < nr && err == LXW_NO_ERROR; r++)
    {
      for (guint c = 0; c < nc && err == LXW_NO_ERROR; c++)
        {
          const SegColumn *col = seg_table_get_column (t, c);

          if (kinds[c] == CELL_TEXT)
            {
              const char *text = col->text ? col->text[r] : NULL;
              if (fix != NULL && text != NULL)
                text = fix (b, t, c, r, text);
              err = write_text (b, ws, (lxw_row_t) (r + 1), (lxw_col_t) c, text, NULL);
            }
          else if (col->num != NULL)
            err = write_value (b, ws, (lxw_row_t) (r + 1), (lxw_col_t) c, kinds[c], col->num[r]);
        }
      if ((r & 4095) == 4095)
        {
          if (g_cancellable_set_error_if_cancelled (b->cancellable, error))
            return FALSE;
          if (b->progress != NULL)
            b->progress (progress_from + (progress_to - progress_from) * (double) r / (double) nr,
                         _("Writing the customers"), b->progress_data);
        }
    }
  return check (err, path, error);
}

/* ------------------------------------------------------------ sheets */

static const char *
persona_override (const Book *b,
                  guint       cluster)
{
  const SegReportOptions *o = b->options;

  if (o == NULL || o->persona_names == NULL || cluster >= o->n_personas)
    return NULL;
  return o->persona_names[cluster];
}

/* Segments sheet: the kmeans rows come in cluster order. */
static const char *
fix_segment_name (Book           *b,
                  const SegTable *t,
                  guint           col,
                  guint64         row,
                  const char     *text)
{
  const SegColumn *method = seg_table_find_column (t, "method");
  const char *name;
  guint64 first = row;

  if (!g_str_equal (seg_table_get_column (t, col)->name, "segment") || method == NULL || method->text == NULL ||
      g_strcmp0 (method->text[row], "kmeans") != 0)
    return text;
  while (first > 0 && g_strcmp0 (method->text[first - 1], "kmeans") == 0)
    first--;
  name = persona_override (b, (guint) (row - first));
  return name != NULL ? name : text;
}

static const char *
fix_cluster_name (Book           *b,
                  const SegTable *t,
                  guint           col,
                  guint64         row,
                  const char     *text)
{
  const SegSegmentation *kmeans = seg_result_get_kmeans (b->result);
  const char *name;

  if (kmeans == NULL || !g_str_equal (seg_table_get_column (t, col)->name, "cluster_name") ||
      kmeans->labels[row] == G_MAXUINT)
    return text;
  name = persona_override (b, kmeans->labels[row]);
  return name != NULL ? name : text;
}

static lxw_error
kv_text (Book          *b,
         lxw_worksheet *ws,
         lxw_row_t     *row,
         const char    *key,
         const char    *value)
{
  lxw_error err = worksheet_write_string (ws, *row, 0, key, NULL);
  err = err ? err : write_text (b, ws, *row, 1, value, b->wrap);
  (*row)++;
  return err;
}

static lxw_error
kv_value (Book          *b,
          lxw_worksheet *ws,
          lxw_row_t     *row,
          const char    *key,
          CellKind       kind,
          double         v)
{
  lxw_error err = worksheet_write_string (ws, *row, 0, key, NULL);
  err = err ? err : write_value (b, ws, *row, 1, kind, v);
  (*row)++;
  return err;
}

static lxw_error
section (Book          *b,
         lxw_worksheet *ws,
         lxw_row_t     *row,
         const char    *title)
{
  lxw_error err;

  (*row)++;
  err = worksheet_write_string (ws, *row, 0, title, b->section);
  (*row)++;
  return err;
}

static CellKind
kpi_kind (const SegKpi *k)
{
  switch (k->format.kind)
    {
    case SEG_NUMBER_INTEGER: return CELL_INTEGER;
    case SEG_NUMBER_PERCENT: return CELL_PERCENT;
    case SEG_NUMBER_CURRENCY:
    case SEG_NUMBER_COMPACT: return CELL_MONEY;
    default: return CELL_NUMBER;
    }
}

static lxw_error
summary_methods (Book          *b,
                 lxw_worksheet *ws,
                 lxw_row_t     *row)
{
  const SegResult *r = b->result;
  const SegRuleSet *rules = seg_result_get_rule_set (r);
  const SegRfmScores *rfm = seg_result_get_rfm_scores (r);
  const SegClusters *cl = seg_result_get_clusters (r);
  const SegChurn *ch = seg_result_get_churn (r);
  const SegClv *clv = seg_result_get_clv (r);
  const SegAnalysisOptions *o = seg_result_get_options (r);
  lxw_error err = LXW_NO_ERROR;

  if (seg_result_get_rules (r) != NULL && rules != NULL)
    {
      err = section (b, ws, row, _("Rules (the first that holds wins)"));
      for (guint i = 0; i < seg_rule_set_get_n_rules (rules) && !err; i++)
        err = kv_text (b, ws, row, seg_rule_set_get_name (rules, i), seg_rule_set_get_condition (rules, i));
      err = err ? err : kv_text (b, ws, row, seg_rule_set_get_default_name (rules), _("(everyone else)"));
    }
  if (seg_result_get_rfm (r) != NULL && rfm != NULL && !err)
    {
      err = section (b, ws, row, _("RFM"));
      err = err ? err : kv_value (b, ws, row, _("Bins"), CELL_INTEGER, rfm->bins);
      err = err ? err : kv_text (b, ws, row, _("Scoring"),
                                 rfm->method == SEG_RFM_METHOD_NTILE ? "SQL NTILE"
                                 : rfm->method == SEG_RFM_METHOD_QCUT ? "pandas.qcut" : "rank(method='first') + qcut");
      err = err ? err : kv_value (b, ws, row, _("Customers scored"), CELL_INTEGER, (double) rfm->n_scored);
    }
  if (cl != NULL && seg_clusters_get_k (cl) > 0 && !err)
    {
      g_autofree char *features = g_strjoinv (", ", (char **) seg_clusters_get_features (cl));
      err = section (b, ws, row, _("k-means"));
      err = err ? err : kv_value (b, ws, row, "k", CELL_INTEGER, seg_clusters_get_k (cl));
      err = err ? err : kv_text (b, ws, row, _("Why this k"),
                                 seg_clusters_get_sweep (cl) && seg_clusters_get_sweep (cl)->reason ? seg_clusters_get_sweep (cl)->reason : _("set by the user"));
      err = err ? err : kv_text (b, ws, row, _("Features"), features);
      err = err ? err : kv_value (b, ws, row, _("Seed"), CELL_INTEGER, (double) o->seed);
      err = err ? err : kv_value (b, ws, row, _("Restarts (n_init)"), CELL_INTEGER, o->n_init);
      err = err ? err : kv_value (b, ws, row, _("Inertia"), CELL_NUMBER, seg_clusters_get_inertia (cl));
    }
  if (ch != NULL && !err)
    {
      err = section (b, ws, row, _("Churn model"));
      err = err ? err : kv_text (b, ws, row, _("Label"), seg_churn_get_label (ch));
      for (guint i = 0; i < seg_churn_get_n_excluded (ch) && !err; i++)
        {
          g_autofree char *line = g_strdup_printf ("%s: %s", seg_churn_get_excluded (ch)[i], seg_churn_get_excluded_reasons (ch)[i]);
          err = kv_text (b, ws, row, _("Excluded feature"), line);
        }
      err = err ? err : kv_value (b, ws, row, _("Threshold"), CELL_NUMBER, seg_churn_get_threshold (ch));
      err = err ? err : kv_value (b, ws, row, _("Accuracy (held out)"), CELL_PERCENT, seg_churn_get_test_metrics (ch)->accuracy);
      err = err ? err : kv_value (b, ws, row, _("ROC AUC (held out)"), CELL_NUMBER, seg_churn_get_test_metrics (ch)->auc);
      for (guint j = 0; j < seg_churn_get_n_features (ch) && !err; j++)
        {
          g_autofree char *key = g_strdup_printf (_("Odds ratio: %s"), seg_churn_get_features (ch)[j]);
          err = kv_value (b, ws, row, key, CELL_NUMBER, seg_churn_get_odds_ratios (ch)[j]);
        }
    }
  if (clv != NULL && !err)
    {
      err = section (b, ws, row, _("Customer lifetime value"));
      err = err ? err : kv_text (b, ws, row, _("Method"), seg_clv_method_to_string (clv->method));
      if (clv->method == SEG_CLV_METHOD_BGNBD)
        {
          err = err ? err : kv_value (b, ws, row, _("Horizon (months)"), CELL_INTEGER, clv->months);
          err = err ? err : kv_value (b, ws, row, _("Monthly discount"), CELL_PERCENT, clv->discount);
          err = err ? err : kv_value (b, ws, row, "BG/NBD r", CELL_NUMBER, clv->bgnbd.r);
          err = err ? err : kv_value (b, ws, row, "BG/NBD alpha", CELL_NUMBER, clv->bgnbd.alpha);
          err = err ? err : kv_value (b, ws, row, "BG/NBD a", CELL_NUMBER, clv->bgnbd.a);
          err = err ? err : kv_value (b, ws, row, "BG/NBD b", CELL_NUMBER, clv->bgnbd.b);
          if (clv->has_gamma_gamma)
            {
              err = err ? err : kv_value (b, ws, row, "Gamma-Gamma p", CELL_NUMBER, clv->gamma_gamma.p);
              err = err ? err : kv_value (b, ws, row, "Gamma-Gamma q", CELL_NUMBER, clv->gamma_gamma.q);
              err = err ? err : kv_value (b, ws, row, "Gamma-Gamma v", CELL_NUMBER, clv->gamma_gamma.v);
            }
        }
      else if (clv->method == SEG_CLV_METHOD_FORMULA)
        err = err ? err : kv_text (b, ws, row, _("Formula"), clv->formula);
    }
  return err;
}

static gboolean
write_summary (Book       *b,
               guint64     n_customers,
               const char *path,
               GError    **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, _("Summary"));
  SegDataset *ds = seg_result_get_dataset (b->result);
  g_autofree char *name = b->options && b->options->dataset_name ? g_strdup (b->options->dataset_name)
                                                                  : seg_report_dataset_name (b->result);
  SegKpi kpis[SEG_DASHBOARD_N_KPIS];
  guint n_kpis = seg_dashboard_get_kpis (b->result, &b->params, kpis);
  GPtrArray *notices = seg_result_get_notices (b->result);
  lxw_row_t row = 2;
  lxw_error err;

  worksheet_set_column (ws, 0, 0, 34, NULL);
  worksheet_set_column (ws, 1, 1, 70, NULL);
  err = worksheet_write_string (ws, 0, 0, _("Item"), b->header);
  err = err ? err : worksheet_write_string (ws, 0, 1, _("Value"), b->header);
  worksheet_freeze_panes (ws, 1, 0);
  err = err ? err : worksheet_write_string (ws, 1, 0, _("Customer segmentation"), b->title);
  err = err ? err : kv_text (b, ws, &row, _("Data set"), name);
  if (ds != NULL)
    err = err ? err : kv_value (b, ws, &row, _("As of"), CELL_DATE, seg_dataset_get_as_of (ds));
  for (guint i = 0; ds != NULL && i < seg_dataset_get_n_inputs (ds) && !err; i++)
    {
      const SegInputInfo *in = seg_dataset_get_input (ds, i);
      g_autofree char *line = g_strdup_printf (_("%s (%s, %" PRIu64 " rows)"),
                                               seg_table_get_path (in->table),
                                               seg_file_role_to_string (in->role), in->rows);
      err = kv_text (b, ws, &row, _("Input"), line);
    }
  err = err ? err : section (b, ws, &row, _("Key figures"));
  for (guint i = 0; i < n_kpis && !err; i++)
    err = kv_value (b, ws, &row, kpis[i].label, kpi_kind (&kpis[i]), kpis[i].value);
  if (!err && n_customers > SEG_XLSX_MAX_ROWS - 1)
    {
      g_autofree char *note = g_strdup_printf (_("The Customers sheet holds the first %u of %" PRIu64
                                                 " customers (Excel's row limit); customers.csv has them all."),
                                               SEG_XLSX_MAX_ROWS - 1, n_customers);
      err = kv_text (b, ws, &row, _("Note"), note);
    }
  err = err ? err : summary_methods (b, ws, &row);
  if (notices != NULL && notices->len > 0 && !err)
    {
      err = section (b, ws, &row, _("Notices"));
      for (guint i = 0; i < notices->len && !err; i++)
        err = kv_text (b, ws, &row, "", g_ptr_array_index (notices, i));
    }
  return check (err, path, error);
}

static gboolean
write_segments (Book       *b,
                const char *path,
                GError    **error)
{
  g_autoptr(GBytes) csv = seg_result_format_segments (b->result);
  g_autoptr(SegTable) t = NULL;
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, _("Segments"));

  gsize len;
  const char *data = g_bytes_get_data (csv, &len);
  const char *eol = memchr (data, '\n', len);

  if (eol == NULL || eol + 1 == data + len)
    {
      /* no segmentation ran: the header alone (its names hold no commas) */
      g_autofree char *line = g_strndup (data, eol ? (gsize) (eol - data) : len);
      g_auto(GStrv) names = g_strsplit (line, ",", -1);
      lxw_error err = LXW_NO_ERROR;

      for (guint c = 0; names[c] && !err; c++)
        err = worksheet_write_string (ws, 0, (lxw_col_t) c, names[c], b->header);
      worksheet_freeze_panes (ws, 1, 0);
      return check (err, path, error);
    }
  t = seg_csv_read_bytes (csv, "segments.csv", NULL, NULL, NULL, NULL, error);
  if (t == NULL)
    return FALSE;
  return write_table (b, ws, t, G_MAXUINT64, 2, fix_segment_name, 0.1, 0.15, path, error);
}

static gboolean
write_customers (Book       *b,
                 const char *path,
                 GError    **error)
{
  g_autoptr(SegTable) t = seg_result_build_customer_table (b->result);
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, _("Customers"));

  return write_table (b, ws, t, SEG_XLSX_MAX_ROWS - 1, 1, fix_cluster_name, 0.15, 0.95, path, error);
}

/* ------------------------------------------------------------ public */

char *
seg_xlsx_neutralise (const char *text)
{
  if (text != NULL && seg_csv_needs_neutralising (text))
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

gboolean
seg_xlsx_write (const SegResult        *result,
                const SegReportOptions *options,
                const char             *path,
                GCancellable           *cancellable,
                SegProgressFunc         progress,
                gpointer                progress_data,
                GError                **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(SegPublish) pub = NULL;
  const char *tmp;
  g_autofree char *title = NULL;
  lxw_workbook_options wo = { LXW_TRUE, NULL, LXW_TRUE };
  lxw_doc_properties props = { 0 };
  SegTable *customers;
  Book b = { 0 };
  gboolean ok;
  lxw_error err;

  g_return_val_if_fail (result != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* written to a temporary file beside the target, published over it at
   * the end (the folder must exist: a file chooser's) */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_IO, _("%s: cannot write: %s"), path, g_strerror (ENOENT));
      return FALSE;
    }
  pub = seg_publish_new (dir);
  tmp = seg_publish_add_path (pub, base, error);
  if (tmp == NULL)
    return FALSE;
  b.wb = workbook_new_opt (tmp, &wo);
  if (b.wb == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_IO, _("%s: cannot write the workbook"), path);
      return FALSE;
    }
  b.result = result;
  b.options = options;
  seg_chart_params_init (&b.params);
  b.params.currency = options ? options->currency : NULL;
  b.cancellable = cancellable;
  b.progress = progress;
  b.progress_data = progress_data;
  make_formats (&b);
  title = g_strdup_printf (_("Customer segmentation: %s"), options && options->dataset_name ? options->dataset_name : "");
  props.title = title;
  props.comments = (char *) "Segmenta " PACKAGE_VERSION;
  workbook_set_properties (b.wb, &props);

  customers = seg_result_get_customers (result);
  if (progress != NULL)
    progress (0, _("Writing the summary"), progress_data);
  ok = write_summary (&b, customers ? seg_table_get_n_rows (customers) : 0, path, error) &&
       write_segments (&b, path, error) && write_customers (&b, path, error);
  if (progress != NULL && ok)
    progress (0.95, _("Compressing the workbook"), progress_data);
  err = workbook_close (b.wb);
  if (ok)
    ok = check (err, path, error) && seg_publish_commit (pub, error);
  if (ok && progress != NULL)
    progress (1, NULL, progress_data);
  return ok;
}

void
seg_xlsx_write_async (const SegResult        *result,
                      const SegReportOptions *options,
                      const char             *path,
                      GCancellable           *cancellable,
                      SegProgressFunc         progress,
                      gpointer                progress_data,
                      GAsyncReadyCallback     callback,
                      gpointer                user_data)
{
  g_return_if_fail (result != NULL && path != NULL);

  seg_report_run_writer_async (seg_xlsx_write, seg_xlsx_write_async, result, options, path, cancellable,
                               progress, progress_data, callback, user_data);
}

gboolean
seg_xlsx_write_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return seg_job_run_finish (result, seg_xlsx_write_async, error) != NULL;
}
