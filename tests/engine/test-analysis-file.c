/* test-analysis-file.c — the .segmenta file, apply and migration (issue 11 §1–2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "seg-analysis-file.h"
#include "seg-analysis-apply.h"
#include "seg-error.h"
#include "seg-migration.h"
#include "seg-test-util.h"

static SegDataset *
load_as (const char *const *paths,
         SegFileRole        role)
{
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  g_autoptr(GError) error = NULL;
  SegDataset *ds;

  for (guint i = 0; paths[i]; i++)
    seg_dataset_options_add_input (options, paths[i], role);
  ds = seg_dataset_load (options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return ds;
}

/* (a repeated customer makes each log read as a transaction log) */
static SegDataset *
load (const char *const *paths)
{
  return load_as (paths, SEG_FILE_ROLE_UNKNOWN);
}

static char *
write_tmp (const char *dir,
           const char *name,
           const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static guint64
row_of (SegResult  *r,
        const char *id)
{
  const SegColumn *ids = seg_table_find_column (seg_result_get_customers (r), "customer_id");

  for (guint64 i = 0; i < seg_table_get_n_rows (seg_result_get_customers (r)); i++)
    if (g_strcmp0 (ids->text[i], id) == 0)
      return i;
  g_assert_not_reached ();
}

/* NTILE into 4 bins splits the tie at 20 by customer id (B in bin 1, C and D
 * in bin 2, as SQL NTILE over ORDER BY amount, id does); the saved thresholds
 * (20, "C"), (50, "E"), (70, "G") place customers the same way again, and
 * new ones by value, then id.  Worked by hand. */
static void
test_rfm_thresholds (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *tx = write_tmp (dir, "tx.csv",
                                   "txn_id,customer_id,txn_date,amount\n"
                                   "T1,A,2024-01-01,10\nT2,B,2024-01-02,20\nT3,C,2024-01-03,20\nT4,D,2024-01-04,20\n"
                                   "T5,E,2024-01-05,50\nT6,F,2024-01-06,60\nT7,G,2024-01-07,70\nT8,H,2024-01-08,80\n"
                                   "T9,A,2023-06-01,0\n");
  g_autofree char *tx2 = write_tmp (dir, "tx2.csv",
                                    "txn_id,customer_id,txn_date,amount\n"
                                    "U1,B,2024-02-01,20\nU2,Z,2024-02-01,20\nU3,AA,2024-02-01,20\nU4,Q,2024-02-01,65\n"
                                    "U5,R,2024-02-01,100\nU6,S,2024-02-01,5\nU7,S,2023-02-01,0\n");
  g_autofree char *saved = g_build_filename (dir, "rfm.segmenta", NULL);
  const char *p1[] = { tx, NULL }, *p2[] = { tx2, NULL };
  g_autoptr(SegDataset) ds = load (p1);
  g_autoptr(SegDataset) ds2 = load (p2);
  g_autoptr(SegResult) r = NULL, again = NULL, next = NULL;
  g_autoptr(SegAnalysisFile) file = NULL, back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  SegAnalysisOptions o;
  const SegRfmScores *s;
  struct { const char *id; guint8 m; } expect[] = { { "A", 1 }, { "B", 1 }, { "C", 2 }, { "D", 2 },
                                                    { "E", 3 }, { "F", 3 }, { "G", 4 }, { "H", 4 } };
  struct { const char *id; guint8 m; } expect2[] = { { "B", 1 }, { "Z", 2 }, { "AA", 1 }, { "Q", 3 },
                                                     { "R", 4 }, { "S", 1 } };

  seg_analysis_options_init (&o);
  o.methods = SEG_METHOD_RFM;
  o.rfm_bins = 4;
  r = seg_analysis_run (ds, &o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  s = seg_result_get_rfm_scores (r);
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    g_assert_cmpuint (s->m[row_of (r, expect[i].id)], ==, expect[i].m);

  file = seg_analysis_file_new_from_result (r, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (seg_analysis_file_save (file, saved, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (saved, &doc, NULL, NULL));
  g_assert_nonnull (strstr (doc, "\"value\" : 20.0,\n"));
  g_assert_nonnull (strstr (doc, "\"id\" : \"C\""));

  back = seg_analysis_file_load (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seg_analysis_file_get_input (back, 0)->state, ==, SEG_INPUT_UNCHANGED);
  again = seg_analysis_apply (back, ds, NULL, &error);
  g_assert_no_error (error);
  s = seg_result_get_rfm_scores (again);
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    g_assert_cmpuint (s->m[row_of (again, expect[i].id)], ==, expect[i].m);
  next = seg_analysis_apply (back, ds2, NULL, &error);
  g_assert_no_error (error);
  s = seg_result_get_rfm_scores (next);
  for (guint i = 0; i < G_N_ELEMENTS (expect2); i++)
    g_assert_cmpuint (s->m[row_of (next, expect2[i].id)], ==, expect2[i].m);
  seg_analysis_options_clear (&o);
  seg_test_rmdir_recursive (dir);
}

/* The whole fintech sample: the view (persona names) survives the round
 * trip, the models score the same customers the same way, and migration
 * keeps everyone where they were. */
static void
test_round_trip (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *saved = g_build_filename (dir, "fintech.segmenta", NULL);
  g_autofree char *c = g_build_filename (seg_test_source_root (), "data/samples/fintech/customers.csv", NULL);
  g_autofree char *t = g_build_filename (seg_test_source_root (), "data/samples/fintech/transactions.csv", NULL);
  g_autofree char *a = g_build_filename (seg_test_source_root (), "data/samples/fintech/activity.csv", NULL);
  const char *paths[] = { c, t, a, NULL };
  g_autoptr(SegDataset) ds = load (paths);
  g_autoptr(SegResult) r = NULL, applied = NULL;
  g_autoptr(SegAnalysisFile) file = NULL, back = NULL;
  g_autoptr(SegMigration) migration = NULL;
  g_autoptr(GError) error = NULL;
  SegAnalysisView view = { 0 };
  const SegAnalysisView *read;
  const SegSegmentation *km, *km2;
  const SegClv *clv, *clv2;
  const SegChurn *ch, *ch2;
  const SegMigrationMethod *mm;
  SegAnalysisOptions o;
  guint k;

  r = seg_analysis_run (ds, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  km = seg_result_get_kmeans (r);
  g_assert_nonnull (km);
  k = km->n_segments;
  view.colour_by = g_strdup ("rfm");
  view.pane = g_strdup ("clusters");
  view.persona_names = g_new0 (char *, k + 1);
  view.persona_actions = g_new0 (char *, k + 1);
  for (guint l = 0; l < k; l++)
    {
      view.persona_names[l] = l == 0 ? g_strdup ("Big spenders") : g_strdup ("");
      view.persona_actions[l] = l == 0 ? g_strdup ("Call them") : g_strdup ("");
    }
  file = seg_analysis_file_new_from_result (r, &view, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (seg_analysis_file_save (file, saved, &error));
  back = seg_analysis_file_load (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seg_analysis_file_get_version (back), ==, SEG_ANALYSIS_FILE_VERSION);
  read = seg_analysis_file_get_view (back);
  g_assert_cmpstr (read->colour_by, ==, "rfm");
  g_assert_cmpstr (read->pane, ==, "clusters");
  g_assert_cmpstr (read->persona_names[0], ==, "Big spenders");
  g_assert_cmpstr (read->persona_actions[0], ==, "Call them");
  g_assert_cmpstr (read->persona_names[1], ==, "");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (seg_analysis_file_get_input (back, i)->state, ==, SEG_INPUT_UNCHANGED);

  /* the settings come back as they were */
  g_assert_true (seg_analysis_file_analysis_options (back, &o, &error));
  g_assert_cmpuint (o.methods, ==, SEG_METHOD_ALL);
  g_assert_cmpuint (o.k, ==, 0);
  g_assert_cmpuint (o.n_init, ==, 10);
  g_assert_nonnull (o.rules);
  seg_analysis_options_clear (&o);

  applied = seg_analysis_apply (back, ds, NULL, &error);
  g_assert_no_error (error);
  km2 = seg_result_get_kmeans (applied);
  g_assert_cmpuint (km2->n_segments, ==, k);
  g_assert_cmpstr (km2->segments[0].name, ==, "Big spenders");
  g_assert_cmpstr (km2->segments[1].name, ==, km->segments[1].name);
  g_assert_cmpmem (km->labels, sizeof (guint) * seg_table_get_n_rows (seg_result_get_customers (r)),
                   km2->labels, sizeof (guint) * seg_table_get_n_rows (seg_result_get_customers (r)));
  g_assert_cmpmem (seg_result_get_rules (r)->labels, sizeof (guint) * 300, seg_result_get_rules (applied)->labels,
                   sizeof (guint) * 300);
  g_assert_cmpmem (seg_result_get_rfm (r)->labels, sizeof (guint) * 300, seg_result_get_rfm (applied)->labels,
                   sizeof (guint) * 300);
  /* PCA scores from the saved components are the fitted ones */
  for (guint i = 0; i < 300 * seg_result_get_pca (r)->n_components; i++)
    g_assert_cmpfloat_with_epsilon (seg_result_get_pca (r)->scores[i], seg_result_get_pca (applied)->scores[i], 1e-12);
  /* the saved BG/NBD and Gamma-Gamma parameters, not a new fit: bit for bit */
  clv = seg_result_get_clv (r);
  clv2 = seg_result_get_clv (applied);
  g_assert_cmpint (clv->method, ==, clv2->method);
  if (clv->method == SEG_CLV_METHOD_BGNBD)
    {
      g_assert_true (clv->bgnbd.r == clv2->bgnbd.r && clv->bgnbd.alpha == clv2->bgnbd.alpha &&
                     clv->bgnbd.a == clv2->bgnbd.a && clv->bgnbd.b == clv2->bgnbd.b);
      g_assert_cmpuint (clv2->bgnbd.iterations, ==, 0);
    }
  for (guint i = 0; i < 300; i++)
    g_assert_true ((isnan (clv->clv[i]) && isnan (clv2->clv[i])) || clv->clv[i] == clv2->clv[i]);
  ch = seg_result_get_churn (r);
  ch2 = seg_result_get_churn (applied);
  g_assert_nonnull (ch2);
  g_assert_cmpuint (seg_churn_get_n_features (ch), ==, seg_churn_get_n_features (ch2));
  for (guint i = 0; i < 300; i++)
    if (!isnan (seg_churn_get_probabilities (ch)[i]))
      g_assert_cmpfloat_with_epsilon (seg_churn_get_probabilities (ch)[i], seg_churn_get_probabilities (ch2)[i], 1e-9);

  migration = seg_migration_compute (back, applied, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (migration->n_methods, ==, 3);
  mm = seg_migration_get_method (migration, "kmeans");
  g_assert_cmpuint (mm->stayed, ==, 300);
  g_assert_cmpuint (mm->moved + mm->added + mm->lost, ==, 0);
  g_assert_cmpstr (mm->from_names[0], ==, "Big spenders");
  g_assert_cmpuint (mm->counts[0], ==, km->segments[0].customers);
  seg_analysis_view_clear (&view);
  seg_test_rmdir_recursive (dir);
}

/* A large analysis is written gzip-compressed and read back.  Long ids
 * make the file large (about 170 KB of JSON, over
 * SEG_ANALYSIS_FILE_GZIP_BYTES) from few customers: the fit's exact
 * silhouette grows with their square, and under ThreadSanitizer 6,000
 * short-id customers took 5.5 s of CPU. */
static void
test_gzip (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autoptr(GString) csv = g_string_new ("customer_id,balance,visits\n");
  g_autofree char *path = NULL;
  g_autofree char *saved = g_build_filename (dir, "big.segmenta", NULL);
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(SegResult) r = NULL, applied = NULL;
  g_autoptr(SegAnalysisFile) file = NULL, back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize len;
  SegAnalysisOptions o;
  const char *paths[2] = { NULL, NULL };

  for (guint i = 0; i < 2500; i++)
    g_string_append_printf (csv, "customer-of-the-branch-at-the-harbour-K%05u,%u.5,%u\n", i, (i * 7919u) % 10007u, (i * 31u) % 97u);
  path = write_tmp (dir, "customers.csv", csv->str);
  paths[0] = path;
  ds = load (paths);
  seg_analysis_options_init (&o);
  o.methods = SEG_METHOD_KMEANS;
  o.k = 3;
  o.k_max = 0;
  o.n_init = 1;
  r = seg_analysis_run (ds, &o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  file = seg_analysis_file_new_from_result (r, NULL, NULL, &error);
  g_assert_true (seg_analysis_file_save (file, saved, &error));
  g_assert_true (g_file_get_contents (saved, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 2);
  g_assert_cmpuint ((guchar) bytes[0], ==, 0x1f);
  g_assert_cmpuint ((guchar) bytes[1], ==, 0x8b);
  back = seg_analysis_file_load (saved, NULL, &error);
  g_assert_no_error (error);
  applied = seg_analysis_apply (back, ds, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (seg_result_get_kmeans (r)->labels, sizeof (guint) * 2500,
                   seg_result_get_kmeans (applied)->labels, sizeof (guint) * 2500);
  seg_analysis_options_clear (&o);
  seg_test_rmdir_recursive (dir);
}

static void
test_relative_path (void)
{
  struct { const char *base, *target, *expect; } cases[] = {
    { "/a/b", "/a/b/c.csv", "c.csv" },
    { "/a/b", "/a/b/d/c.csv", "d/c.csv" },
    { "/a/b", "/a/x/c.csv", "../x/c.csv" },
    { "/a/b/c", "/a/c.csv", "../../c.csv" },
    { "/a/b", "/z/c.csv", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = seg_analysis_file_relative_path (cases[i].base, cases[i].target);
      g_assert_cmpstr (got, ==, cases[i].expect);
    }
}

/* Newer versions are refused, damaged documents are named, and the input
 * list of a document is read whatever its state. */
static void
test_versions (void)
{
  static const struct { const char *json; const char *message; } cases[] = {
    { "{\"format\": \"segmenta-analysis\", \"version\": 2}", "newer Segmenta (analysis file version 2" },
    { "{\"format\": \"segmenta-analysis\", \"version\": 0}", "“version” is missing" },
    { "{\"format\": \"segmenta-analysis\"}", "“version” is missing" },
    { "{\"version\": 1}", "is not a Segmenta analysis file" },
    { "[1, 2]", "is not a Segmenta analysis file" },
    { "{\"format\": \"segmenta-analysis\", \"version\": 1, \"inputs\": [{\"path\": 3}]}", "“inputs” is missing" },
    { "{\"format\": \"segmenta-analysis\", \"version\": 1, \"inputs\": []}", "“dataset” is missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(SegAnalysisFile) file = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (json_parser_load_from_data (parser, cases[i].json, -1, NULL));
      file = seg_analysis_file_new_from_json (json_parser_get_root (parser), "/x/test.segmenta", &error);
      g_assert_null (file);
      g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
      g_assert_true (g_str_has_prefix (error->message, "/x/test.segmenta"));
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: %s", i, error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis-file/rfm-thresholds", test_rfm_thresholds);
  g_test_add_func ("/analysis-file/round-trip", test_round_trip);
  g_test_add_func ("/analysis-file/gzip", test_gzip);
  g_test_add_func ("/analysis-file/relative-path", test_relative_path);
  g_test_add_func ("/analysis-file/versions", test_versions);
  return g_test_run ();
}
