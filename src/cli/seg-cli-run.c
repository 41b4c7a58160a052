/* seg-cli-run.c — option parsing and the output folder of segmenta-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "segmenta-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "seg-analysis.h"
#include "seg-analysis-apply.h"
#include "seg-cli-file.h"
#include "seg-cli-exports.h"
#include "seg-cli-run.h"
#include "seg-csv.h"
#include "seg-csv-writer.h"
#include "seg-dashboard.h"
#include "seg-dataset.h"
#include "seg-error.h"
#include "seg-rules.h"
#include "seg-summary.h"

typedef struct
{
  char    **roles;
  char    **maps;
  char     *where;
  char    **txn_derives;
  char    **derives;
  char     *as_of;
  char     *methods;
  char     *rules;
  char     *features;
  char     *k;
  char     *k_range;
  int       n_init;
  int       seed;
  char     *out;
  char     *chart_format;
  char     *chart_size;
  gboolean  json;
  char     *time_unit;
  double    churn_days;
  gboolean  churn_days_given;   /* else the default, which may give way to a suggested window */
  char     *churn_label;
  char     *clv;
  char     *clv_formula;
  int       clv_months;
  double    clv_discount;
  char    **files;
  int       chart_width, chart_height;
  char     *save;       /* --save FILE.segmenta */
  char     *open;       /* --open FILE.segmenta */
  char     *apply;      /* --apply FILE.segmenta */
  SegCliExports exports;
} CliOptions;

static void
cli_options_clear (CliOptions *o)
{
  g_strfreev (o->roles);
  g_strfreev (o->maps);
  g_free (o->where);
  g_strfreev (o->txn_derives);
  g_strfreev (o->derives);
  g_free (o->as_of);
  g_free (o->methods);
  g_free (o->rules);
  g_free (o->features);
  g_free (o->k);
  g_free (o->k_range);
  g_free (o->out);
  g_free (o->chart_format);
  g_free (o->chart_size);
  g_free (o->time_unit);
  g_free (o->churn_label);
  g_free (o->clv);
  g_free (o->clv_formula);
  g_strfreev (o->files);
  g_free (o->save);
  g_free (o->open);
  g_free (o->apply);
  seg_cli_exports_clear (&o->exports);
}

static gboolean
parse_options (CliOptions *o,
               int        *argc,
               char     ***argv,
               GError    **error)
{
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->roles, N_("Force a file's role (customers, transactions or activity)"), N_("FILE=ROLE") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->maps, N_("Bind a role field to a column or an expression"), N_("ROLE.FIELD=EXPR") },
    { "where", 0, 0, G_OPTION_ARG_STRING, &o->where, N_("Keep only transaction rows where EXPR holds"), N_("EXPR") },
    { "txn-derive", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->txn_derives, N_("Add a transaction-level calculated column"), N_("NAME = EXPR") },
    { "derive", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->derives, N_("Add a customer-level calculated column"), N_("NAME = EXPR") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &o->as_of, N_("Reference date (default: the latest transaction or activity date)"), N_("DATE") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &o->methods, N_("Methods to run: metrics,rules,rfm,kmeans,pca,churn,clv"), N_("LIST") },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &o->rules, N_("Rule set file (default: the built-in fintech rules)"), N_("FILE") },
    { "features", 0, 0, G_OPTION_ARG_STRING, &o->features, N_("Columns for k-means and PCA"), N_("COL,…") },
    { "k", 0, 0, G_OPTION_ARG_STRING, &o->k, N_("Number of clusters, or auto"), N_("N|auto") },
    { "k-range", 0, 0, G_OPTION_ARG_STRING, &o->k_range, N_("Range of k to sweep (default 1..10)"), N_("A..B") },
    { "n-init", 0, 0, G_OPTION_ARG_INT, &o->n_init, N_("k-means restarts (default 10)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &o->seed, N_("Random seed (default 0)"), N_("N") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &o->out, N_("Write customers.csv, segments.csv and summary.json to DIR"), N_("DIR") },
    { "chart-format", 0, 0, G_OPTION_ARG_STRING, &o->chart_format, N_("Also write every chart: png, svg or pdf"), N_("FORMAT") },
    { "chart-size", 0, 0, G_OPTION_ARG_STRING, &o->chart_size, N_("Chart size (default 1600x1000)"), N_("WxH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print summary.json on standard output"), NULL },
    { "time-unit", 0, 0, G_OPTION_ARG_STRING, &o->time_unit, N_("Time unit of a summary table and of BG/NBD: days or weeks"), N_("UNIT") },
    { "churn-days", 0, 0, G_OPTION_ARG_DOUBLE, &o->churn_days, N_("Churned means no purchase for more than N days (default 180)"), N_("N") },
    { "churn-label", 0, 0, G_OPTION_ARG_STRING, &o->churn_label, N_("Churn label: a true/false or 0/1 column, or a condition"), N_("COLUMN") },
    { "clv", 0, 0, G_OPTION_ARG_STRING, &o->clv, N_("Lifetime value method: historical, rfm-proxy, formula or bgnbd"), N_("METHOD") },
    { "clv-formula", 0, 0, G_OPTION_ARG_STRING, &o->clv_formula, N_("Lifetime value formula over customer columns"), N_("EXPR") },
    { "clv-months", 0, 0, G_OPTION_ARG_INT, &o->clv_months, N_("BG/NBD horizon in months (default 12)"), N_("N") },
    { "clv-discount", 0, 0, G_OPTION_ARG_DOUBLE, &o->clv_discount, N_("BG/NBD monthly discount rate (default 0.01)"), N_("R") },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &o->save, N_("Also save the analysis (settings, models, segments) to FILE"), N_("FILE.segmenta") },
    { "open", 0, 0, G_OPTION_ARG_FILENAME, &o->open, N_("Run a saved analysis again on its inputs"), N_("FILE.segmenta") },
    { "apply", 0, 0, G_OPTION_ARG_FILENAME, &o->apply, N_("Score new files with a saved analysis's models, and write migration.csv"), N_("FILE.segmenta") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->files, NULL, N_("FILE…") },
    { NULL }
  };

  o->n_init = 10;
  o->churn_days = 180;
  o->clv_months = 12;
  o->clv_discount = 0.01;
  context = g_option_context_new (_("FILE… — customer segmentation from CSV files"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  seg_cli_exports_add_entries (context, &o->exports);
  g_option_context_set_description (context,
    _("Examples:\n"
      "  segmenta-cli customers.csv transactions.csv activity.csv --out report\n"
      "  segmenta-cli online_retail.csv --where 'Quantity > 0' \\\n"
      "      --map transactions.amount='Quantity * UnitPrice' --method rfm --json\n"));
  for (int i = 1; i < *argc && !g_str_equal ((*argv)[i], "--"); i++)
    if (g_str_equal ((*argv)[i], "--churn-days") || g_str_has_prefix ((*argv)[i], "--churn-days="))
      o->churn_days_given = TRUE;
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (o->open != NULL && o->apply != NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("Give either --open or --apply, not both"));
      return FALSE;
    }
  if (o->apply != NULL && o->save != NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("--apply scores with saved models and fits nothing, so there is no new analysis to --save; "
                     "run the new files without --apply to save one"));
      return FALSE;
    }
  if (o->open != NULL && o->files != NULL && o->files[0] != NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("--open runs the analysis on its own inputs; to score other files use --apply FILE.segmenta FILE…"));
      return FALSE;
    }
  if ((o->files == NULL || o->files[0] == NULL) && o->open == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("No input files: give one or more CSV files"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_iso_date (const char *text,
                double     *out)
{
  int y, m, d;
  char tail;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (m < 1 || m > 12 || d < 1 || d > 31)
    return FALSE;
  *out = seg_date_from_ymd (y, m, d);
  {
    int yy, mm, dd;
    seg_date_to_ymd (*out, &yy, &mm, &dd);
    return yy == y && mm == m && dd == d;
  }
}

static SegDatasetOptions *
dataset_options (const CliOptions *o,
                 GError          **error)
{
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();

  for (guint i = 0; o->files[i]; i++)
    {
      SegFileRole role = SEG_FILE_ROLE_UNKNOWN;

      for (guint k = 0; o->roles && o->roles[k]; k++)
        {
          const char *eq = strrchr (o->roles[k], '=');
          g_autofree char *file = eq ? g_strndup (o->roles[k], (gsize) (eq - o->roles[k])) : NULL;

          if (eq == NULL || !seg_file_role_from_string (eq + 1, &role) || role == SEG_FILE_ROLE_UNKNOWN)
            {
              g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                           _("--role %s: write FILE=ROLE with ROLE customers, transactions or activity"),
                           o->roles[k]);
              return NULL;
            }
          if (g_strcmp0 (file, o->files[i]) != 0)
            role = SEG_FILE_ROLE_UNKNOWN;
          else
            break;
        }
      seg_dataset_options_add_input (options, o->files[i], role);
    }
  for (guint k = 0; o->maps && o->maps[k]; k++)
    if (!seg_dataset_options_add_map (options, o->maps[k], error))
      return NULL;
  seg_dataset_options_set_where (options, o->where);
  for (guint k = 0; o->txn_derives && o->txn_derives[k]; k++)
    seg_dataset_options_add_txn_derive (options, o->txn_derives[k]);
  for (guint k = 0; o->derives && o->derives[k]; k++)
    seg_dataset_options_add_derive (options, o->derives[k]);
  if (o->as_of != NULL)
    {
      double as_of;
      if (!parse_iso_date (o->as_of, &as_of))
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                       _("--as-of %s: write the date as YYYY-MM-DD"), o->as_of);
          return NULL;
        }
      seg_dataset_options_set_as_of (options, as_of);
    }
  if (o->time_unit != NULL)
    {
      if (g_str_equal (o->time_unit, "weeks"))
        seg_dataset_options_set_time_unit (options, SEG_TIME_UNIT_WEEKS);
      else if (!g_str_equal (o->time_unit, "days"))
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                       _("--time-unit %s: use days or weeks"), o->time_unit);
          return NULL;
        }
    }
  return g_steal_pointer (&options);
}

/* "A<sep>B" with A and B whole numbers in [min, max]; anything else
 * (signs, spaces, digits past the range: no wrap-around) is refused. */
#define SEG_CLI_MAX_N_INIT 1000

static gboolean
parse_uint_pair (const char *text,
                 const char *sep,
                 guint64     min,
                 guint64     max,
                 guint      *a,
                 guint      *b)
{
  const char *mid = strstr (text, sep);
  g_autofree char *left = NULL;
  guint64 x, y;

  if (mid == NULL)
    return FALSE;
  left = g_strndup (text, (gsize) (mid - text));
  if (!g_ascii_string_to_unsigned (left, 10, min, max, &x, NULL) ||
      !g_ascii_string_to_unsigned (mid + strlen (sep), 10, min, max, &y, NULL))
    return FALSE;
  *a = (guint) x;
  *b = (guint) y;
  return TRUE;
}

static gboolean
parse_k_range (const char *text,
               guint      *k_min,
               guint      *k_max)
{
  guint a, b;

  if (!parse_uint_pair (text, "..", 1, 100, &a, &b) || b < a)
    return FALSE;
  *k_min = a;
  *k_max = b;
  return TRUE;
}

static gboolean
churn_clv_options (const CliOptions   *o,
                   SegAnalysisOptions *a,
                   GError            **error)
{
  if (!(o->churn_days >= 0) || !isfinite (o->churn_days))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--churn-days must be a number of days, 0 or more"));
      return FALSE;
    }
  a->churn_days = o->churn_days;
  a->churn_days_auto = !o->churn_days_given;
  a->churn_label = g_strdup (o->churn_label);
  if (o->clv != NULL && (!seg_clv_method_parse (o->clv, &a->clv_method) || a->clv_method == SEG_CLV_METHOD_AUTO))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("--clv %s: use historical, rfm-proxy, formula or bgnbd"), o->clv);
      return FALSE;
    }
  if (a->clv_method == SEG_CLV_METHOD_FORMULA && o->clv_formula == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--clv formula needs --clv-formula EXPR"));
      return FALSE;
    }
  a->clv_formula = g_strdup (o->clv_formula);
  if (o->clv_months < 1 || o->clv_months > 1200)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--clv-months must be between 1 and 1200"));
      return FALSE;
    }
  a->clv_months = (guint) o->clv_months;
  if (!(o->clv_discount >= 0 && o->clv_discount < 1))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("--clv-discount is a monthly rate such as 0.01 (0 or more, below 1)"));
      return FALSE;
    }
  a->clv_discount = o->clv_discount;
  if (o->clv != NULL)
    a->required |= SEG_METHOD_CLV & a->methods;
  return TRUE;
}

/* --chart-format and --chart-size; charts need --out. */
static gboolean
chart_options (CliOptions *o,
               GError    **error)
{
  const char *size = o->chart_size ? o->chart_size : "1600x1000";
  guint w, h;

  if (o->chart_format == NULL && o->chart_size == NULL)
    return TRUE;
  if (o->out == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--chart-format and --chart-size need --out DIR"));
      return FALSE;
    }
  if (o->chart_format == NULL || (!g_str_equal (o->chart_format, "png") &&
                                  !g_str_equal (o->chart_format, "svg") && !g_str_equal (o->chart_format, "pdf")))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--chart-format: use png, svg or pdf"));
      return FALSE;
    }
  if (!parse_uint_pair (size, "x", 100, 10000, &w, &h))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("--chart-size %s: write it as WIDTHxHEIGHT in pixels, e.g. 1600x1000"), size);
      return FALSE;
    }
  o->chart_width = (int) w;
  o->chart_height = (int) h;
  return TRUE;
}

static gboolean
analysis_options (const CliOptions   *o,
                  SegAnalysisOptions *a,
                  GError            **error)
{
  seg_analysis_options_init (a);
  if (o->methods != NULL)
    {
      if (!seg_methods_parse (o->methods, &a->methods, error))
        return FALSE;
      a->required = a->methods;
    }
  if (o->rules != NULL)
    {
      a->rules = seg_rule_set_load_file (o->rules, error);
      if (a->rules == NULL)
        return FALSE;
      a->required |= SEG_METHOD_RULES & a->methods;
    }
  if (o->features != NULL)
    {
      a->features = g_strsplit (o->features, ",", -1);
      for (guint i = 0; a->features[i]; i++)
        g_strstrip (a->features[i]);
    }
  if (o->k != NULL && !g_str_equal (o->k, "auto"))
    {
      guint64 k;
      if (!g_ascii_string_to_unsigned (o->k, 10, 1, 1000, &k, NULL))
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--k %s: give a whole number of clusters or auto"), o->k);
          return FALSE;
        }
      a->k = (guint) k;
      a->k_max = 0;   /* no sweep unless a range is given */
    }
  if (o->k_range != NULL && !parse_k_range (o->k_range, &a->k_min, &a->k_max))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--k-range %s: write it as A..B, e.g. 2..8"), o->k_range);
      return FALSE;
    }
  /* scikit-learn's default is 10; past 1,000 restarts the best inertia no
   * longer moves, and 2,147,483,647 would run for ever */
  if (o->n_init < 1 || o->n_init > SEG_CLI_MAX_N_INIT)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--n-init must be between 1 and %d"),
                   SEG_CLI_MAX_N_INIT);
      return FALSE;
    }
  a->n_init = (guint) o->n_init;
  if (o->seed < 0)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--seed must not be negative"));
      return FALSE;
    }
  a->seed = (guint64) o->seed;
  return churn_clv_options (o, a, error);
}

static void
print_warnings (const SegDataset *ds)
{
  for (guint i = 0; i < seg_dataset_get_n_inputs (ds); i++)
    {
      const SegReadReport *rep = seg_table_get_report (seg_dataset_get_input (ds, i)->table);

      for (guint k = 0; k < rep->problems->len; k++)
        {
          const SegProblem *p = g_ptr_array_index (rep->problems, k);
          g_autofree char *where = seg_error_format_location (rep->path, p->line, p->column);
          g_printerr ("%s: %s: %s\n", where, _("warning"), p->message);
        }
      if (rep->n_problems > rep->problems->len)
        g_printerr ("%s: %s: %s\n", rep->path, _("warning"),
                    _("more problems were found than are listed"));
      for (guint k = 0; k < rep->notices->len; k++)
        g_printerr ("%s: %s: %s\n", rep->path, _("note"),
                    (char *) g_ptr_array_index (rep->notices, k));
    }
  for (guint i = 0; i < seg_dataset_get_notices (ds)->len; i++)
    g_printerr ("segmenta-cli: %s: %s\n", _("note"),
                (char *) g_ptr_array_index (seg_dataset_get_notices (ds), i));
}


/* The output folder's files as one set (seg-publish.h): each is written to
 * a temporary file beside its final name as soon as it is formatted (so
 * only one of them is in memory at a time), and they replace the previous
 * run's files together once all are on disk.  On any failure the old files
 * stay as they were and nothing of this run is left. */
static gboolean
write_out_dir (const CliOptions *o,
               SegResult        *result,
               const char       *json,
               GBytes           *migration,
               GError          **error)
{
  g_autoptr(SegPublish) pub = seg_publish_new (o->out);
  g_autoptr(SegTable) customers = NULL;
  g_autoptr(GBytes) segments = seg_result_format_segments (result);

  if (!seg_publish_add (pub, "segments.csv", segments, error) ||
      (migration != NULL && !seg_publish_add (pub, "migration.csv", migration, error)) ||
      !seg_publish_add_data (pub, "summary.json", json, strlen (json), error))
    return FALSE;
  if (seg_dataset_get_cohorts (seg_result_get_dataset (result)) != NULL)
    {
      g_autoptr(GBytes) cohorts = seg_cohorts_format_csv (seg_dataset_get_cohorts (seg_result_get_dataset (result)));
      if (!seg_publish_add (pub, "cohorts.csv", cohorts, error))
        return FALSE;
    }
  if (o->chart_format != NULL)
    {
      SegChartParams params;

      seg_chart_params_init (&params);
      if (!seg_dashboard_publish_all (result, &params, pub, "charts", o->chart_format,
                                      o->chart_width, o->chart_height, error))
        return FALSE;
    }
  /* the customer table last: with a million customers it is the largest
   * thing written (90 MB of text, which goes to its file block by block
   * as it is formatted, never held whole), and the charts' drawing need
   * not overlap it */
  customers = seg_result_build_customer_table (result);
  if (!seg_publish_add_writer (pub, "customers.csv", seg_csv_publish_table, customers, error))
    return FALSE;
  g_clear_pointer (&customers, seg_table_unref);
  return seg_publish_commit (pub, error);
}

static int
exit_code_of (const GError *error)
{
  if (g_error_matches (error, SEG_ERROR, SEG_ERROR_USAGE) ||
      error->domain == G_OPTION_ERROR)
    return SEG_CLI_EXIT_USAGE;
  return SEG_CLI_EXIT_INPUT;
}

static int
fail (const GError *error)
{
  g_printerr ("%s\n", error->message);
  return exit_code_of (error);
}

int
seg_cli_run (int   argc,
             char *argv[])
{
  CliOptions o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDatasetOptions) options = NULL;
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(SegResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  SegAnalysisOptions analysis;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) migration = NULL;
  g_autoptr(SegAnalysisFile) saved = NULL;
  int status = 0;

  seg_analysis_options_init (&analysis);
  if (!parse_options (&o, &argc, &argv, &error) || !chart_options (&o, &error) ||
      !seg_cli_exports_check (&o.exports, &error) ||
      (o.open == NULL && o.apply == NULL && (options = dataset_options (&o, &error)) == NULL))
    {
      g_printerr ("segmenta-cli: %s\n", error->message);
      g_printerr ("%s\n", _("Try “segmenta-cli --help” for more information."));
      cli_options_clear (&o);
      return SEG_CLI_EXIT_USAGE;
    }
  if (o.open != NULL || o.apply != NULL)
    {
      /* the settings come from the analysis file */
      saved = seg_cli_file_load (o.open ? o.open : o.apply, o.open != NULL, &error);
      if (saved == NULL || (options = seg_cli_file_dataset_options (saved, o.apply ? o.files : NULL, o.as_of,
                                                                      &error)) == NULL ||
          !seg_analysis_file_analysis_options (saved, &analysis, &error))
        {
          status = fail (error);
          goto out;
        }
    }
  else if (!analysis_options (&o, &analysis, &error))
    {
      status = error->domain == SEG_ERROR && error->code == SEG_ERROR_USAGE ? SEG_CLI_EXIT_USAGE : SEG_CLI_EXIT_INPUT;
      g_printerr ("%s\n", error->message);
      goto out;
    }

  /* Long logs are streamed, not kept as tables; the rows themselves are kept
   * only for CLV.  SEGMENTA_STREAM_MIN_BYTES (bytes, 0 = never) is for tests. */
  {
    const char *env = g_getenv ("SEGMENTA_STREAM_MIN_BYTES");
    seg_dataset_options_set_streaming (options, env != NULL ? g_ascii_strtoull (env, NULL, 10)
                                                            : SEG_DATASET_STREAM_MIN_BYTES);
  }
  seg_dataset_options_set_keep_transactions (options, (analysis.methods & SEG_METHOD_CLV) != 0);
  ds = seg_dataset_load (options, NULL, NULL, NULL, &error);
  if (ds == NULL)
    {
      status = fail (error);
      goto out;
    }
  print_warnings (ds);

  if (o.apply != NULL)
    result = seg_analysis_apply (saved, ds, NULL, &error);
  else
    result = seg_analysis_run (ds, &analysis, NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      status = fail (error);
      goto out;
    }
  for (guint i = 0; i < seg_result_get_skipped (result)->len; i++)
    {
      const SegSkipped *s = g_ptr_array_index (seg_result_get_skipped (result), i);
      g_printerr ("segmenta-cli: %s: %s skipped: %s\n", _("note"), s->method, s->reason);
    }
  for (guint i = 0; i < seg_result_get_notices (result)->len; i++)
    g_printerr ("segmenta-cli: %s: %s\n", _("note"),
                (char *) g_ptr_array_index (seg_result_get_notices (result), i));

  root = seg_result_build_summary (result);
  json = seg_summary_to_string (root);

  if (o.apply != NULL)
    {
      migration = seg_cli_file_migration_csv (saved, result, &error);
      if (migration == NULL)
        {
          status = fail (error);
          goto out;
        }
    }
  if (!seg_cli_exports_write (&o.exports, result, &error))
    {
      status = fail (error);
      goto out;
    }
  if (o.out != NULL && !write_out_dir (&o, result, json, migration, &error))
    {
      status = fail (error);
      goto out;
    }
  if (o.save != NULL && !seg_cli_file_save (result, o.open ? saved : NULL, o.save, &error))
    {
      status = fail (error);
      goto out;
    }
  if (o.json)
    fputs (json, stdout);

out:
  seg_analysis_options_clear (&analysis);
  cli_options_clear (&o);
  return status;
}
