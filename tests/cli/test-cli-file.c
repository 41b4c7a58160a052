/* test-cli-file.c — segmenta-cli --save, --open and --apply (issue 11 §1–2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "seg-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_argv (Run   *run,
          char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("SEGMENTA_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, args[i]);
  g_ptr_array_add (argv, NULL);
  run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* "a b c" split on spaces (no path here has one). */
static void run_cli (Run        *run,
                     const char *fmt,
                     ...) G_GNUC_PRINTF (2, 3);

static void
run_cli (Run        *run,
         const char *fmt,
         ...)
{
  g_autofree char *line = NULL;
  g_auto(GStrv) args = NULL;
  va_list ap;

  va_start (ap, fmt);
  line = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  args = g_strsplit (line, " ", -1);
  run_argv (run, args);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* A copy of the fintech sample in @dir. */
static void
copy_sample (const char *dir)
{
  static const char *names[] = { "customers.csv", "transactions.csv", "activity.csv" };

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *src = g_build_filename (seg_test_source_root (), "data/samples/fintech", names[i], NULL);
      g_autofree char *text = NULL;
      g_assert_true (g_file_get_contents (src, &text, NULL, NULL));
      write_file (dir, names[i], text);
    }
}

/* The data rows of a CSV in a seeded random order (header first). */
static void
shuffle_csv (const char *dir,
             const char *name,
             const char *to_dir,
             guint32     seed)
{
  g_autofree char *text = read_file (dir, name);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *joined = NULL;

  if (n > 0 && *lines[n - 1] == '\0')
    n--;   /* the empty string after the last newline */
  for (guint i = n - 1; i > 1; i--)
    {
      guint j = 1 + (guint) g_rand_int_range (rand, 0, (gint32) i);
      char *t = lines[i];
      lines[i] = lines[j];
      lines[j] = t;
    }
  joined = g_strjoinv ("\n", lines);
  write_file (to_dir, name, joined);
}

/* column @name of every row of a CSV, keyed by its first column (no quoted commas before it). */
static GHashTable *
column_by_id (const char *csv,
              const char *name)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int col = -1;

  for (int i = 0; header[i]; i++)
    if (g_str_equal (header[i], name))
      col = i;
  g_assert_cmpint (col, >=, 0);
  for (guint r = 1; lines[r] && *lines[r]; r++)
    {
      /* split respecting quotes */
      GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
      GString *cell = g_string_new (NULL);
      gboolean quoted = FALSE;
      for (const char *p = lines[r];; p++)
        {
          if (*p == '"')
            quoted = !quoted;
          else if ((*p == ',' && !quoted) || *p == '\0')
            {
              g_ptr_array_add (cells, g_string_free (cell, FALSE));
              cell = g_string_new (NULL);
              if (*p == '\0')
                break;
            }
          else
            g_string_append_c (cell, *p);
        }
      g_string_free (cell, TRUE);
      g_assert_cmpuint (cells->len, >, (guint) col);
      g_hash_table_insert (out, g_strdup (g_ptr_array_index (cells, 0)), g_strdup (g_ptr_array_index (cells, col)));
      g_ptr_array_unref (cells);
    }
  return out;
}

static void
assert_same_column (const char *a,
                    const char *b,
                    const char *name)
{
  g_autoptr(GHashTable) x = column_by_id (a, name);
  g_autoptr(GHashTable) y = column_by_id (b, name);
  GHashTableIter it;
  gpointer k, v;

  g_assert_cmpuint (g_hash_table_size (x), ==, g_hash_table_size (y));
  g_hash_table_iter_init (&it, x);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      if (g_strcmp0 (v, g_hash_table_lookup (y, k)) != 0)
        g_test_message ("%s of %s: %s then %s", name, (char *) k, (char *) v, (char *) g_hash_table_lookup (y, k));
      g_assert_cmpstr (v, ==, g_hash_table_lookup (y, k));
    }
}

/* --save then --open: byte-identical customers.csv and segments.csv. */
static void
test_save_open (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *file = g_build_filename (dir, "march.segmenta", NULL);
  g_autofree char *a = g_build_filename (dir, "a", NULL);
  g_autofree char *b = g_build_filename (dir, "b", NULL);
  g_autofree char *ca = NULL, *cb = NULL, *sa = NULL, *sb = NULL, *doc = NULL;
  g_auto(Run) run = { 0 };

  copy_sample (data);
  run_cli (&run, "%s/customers.csv %s/transactions.csv %s/activity.csv --seed 3 --k-range 2..5 --n-init 3 --out %s --save %s",
           data, data, data, a, file);
  g_assert_cmpint (run.status, ==, 0);
  doc = read_file (dir, "march.segmenta");
  /* inputs relative to the analysis file, with size and hash */
  g_assert_nonnull (strstr (doc, "\"path\" : \"data/customers.csv\""));
  g_assert_nonnull (strstr (doc, "\"sha256\" : \""));
  g_assert_nonnull (strstr (doc, "\"version\" : 1"));
  g_assert_nonnull (strstr (doc, "\"seed\" : 3"));
  g_assert_nonnull (strstr (doc, "\"k_max\" : 5"));

  run_cli (&run, "--open %s --out %s", file, b);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "changed"));
  ca = read_file (a, "customers.csv");
  cb = read_file (b, "customers.csv");
  sa = read_file (a, "segments.csv");
  sb = read_file (b, "segments.csv");
  g_assert_cmpstr (ca, ==, cb);
  g_assert_cmpstr (sa, ==, sb);
  seg_test_rmdir_recursive (dir);
}

/* Changed, moved and missing inputs are said, never passed over. */
static void
test_open_changed_moved_missing (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *file = g_build_filename (dir, "an.segmenta", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *activity = g_build_filename (data, "activity.csv", NULL);
  g_autofree char *beside = g_build_filename (dir, "activity.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  g_auto(Run) run = { 0 };

  copy_sample (data);
  run_cli (&run, "%s/customers.csv %s/transactions.csv %s/activity.csv --method rules --save %s",
           data, data, data, file);
  g_assert_cmpint (run.status, ==, 0);

  /* changed: one more line */
  text = read_file (data, "customers.csv");
  changed = g_strconcat (text, "C99999,New Person,30,50000,Pune,India,2025-01-01,700,1,true\n", NULL);
  write_file (data, "customers.csv", changed);
  run_cli (&run, "--open %s --out %s", file, out);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "customers.csv has changed since the analysis was saved"));
  write_file (data, "customers.csv", text);

  /* moved next to the analysis file */
  g_assert_cmpint (g_rename (activity, beside), ==, 0);
  run_cli (&run, "--open %s --out %s", file, out);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "was not where the analysis saved it"));

  /* missing */
  g_assert_cmpint (g_unlink (beside), ==, 0);
  run_cli (&run, "--open %s --out %s", file, out);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "activity.csv cannot be found"));
  seg_test_rmdir_recursive (dir);
}

/* --apply to the same customers in another order gives every customer the
 * same segments and a migration.csv where nobody moved. */
static void
test_apply_shuffled (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *shuf = g_build_filename (dir, "shuffled", NULL);
  g_autofree char *file = g_build_filename (dir, "an.segmenta", NULL);
  g_autofree char *a = g_build_filename (dir, "a", NULL);
  g_autofree char *b = g_build_filename (dir, "b", NULL);
  g_autofree char *c = g_build_filename (dir, "c", NULL);
  g_autofree char *ca = NULL, *cb = NULL, *cc = NULL, *migration = NULL;
  static const char *same_exactly[] = { "rule_segment", "rfm_r", "rfm_f", "rfm_m", "rfm_segment",
                                        "cluster", "cluster_name", "churn_label", "total_spent" };
  static const char *same_labels[] = { "rule_segment", "rfm_segment", "cluster", "cluster_name" };
  g_auto(Run) run = { 0 };

  copy_sample (data);
  g_mkdir_with_parents (shuf, 0755);
  /* k fixed: the sweep is not what this test is about, and it is slow under ASan */
  run_cli (&run, "%s/customers.csv %s/transactions.csv %s/activity.csv --k 4 --out %s --save %s",
           data, data, data, a, file);
  g_assert_cmpint (run.status, ==, 0);

  /* the customers table shuffled, the logs as they were: every figure the
   * same, so every score and label too */
  shuffle_csv (data, "customers.csv", shuf, 7);
  run_cli (&run, "--apply %s %s/customers.csv %s/transactions.csv %s/activity.csv --out %s",
           file, shuf, data, data, b);
  g_assert_cmpint (run.status, ==, 0);
  ca = read_file (a, "customers.csv");
  cb = read_file (b, "customers.csv");
  for (guint i = 0; i < G_N_ELEMENTS (same_exactly); i++)
    assert_same_column (ca, cb, same_exactly[i]);
  migration = read_file (b, "migration.csv");
  g_assert_true (g_str_has_prefix (migration, "method,from_segment,to_segment,customers,total_spent\n"));
  g_assert_nonnull (strstr (migration, "rules,Power User,Power User,63,"));
  g_assert_null (strstr (migration, "(new)"));
  g_assert_null (strstr (migration, "(gone)"));
  g_assert_nonnull (strstr (run.err, "kmeans: 300 stayed, 0 moved, 0 new, 0 gone"));
  g_assert_nonnull (strstr (run.err, "rfm: 300 stayed, 0 moved, 0 new, 0 gone"));

  /* every file shuffled: sums over a log in another order may differ in the
   * last bit, but no customer changes segment */
  shuffle_csv (data, "transactions.csv", shuf, 11);
  shuffle_csv (data, "activity.csv", shuf, 13);
  run_cli (&run, "--apply %s %s/customers.csv %s/transactions.csv %s/activity.csv --out %s",
           file, shuf, shuf, shuf, c);
  g_assert_cmpint (run.status, ==, 0);
  cc = read_file (c, "customers.csv");
  for (guint i = 0; i < G_N_ELEMENTS (same_labels); i++)
    assert_same_column (ca, cc, same_labels[i]);
  g_assert_nonnull (strstr (run.err, "kmeans: 300 stayed, 0 moved, 0 new, 0 gone"));
  seg_test_rmdir_recursive (dir);
}

/* New and lost customers, and customers who moved. */
static void
test_apply_migration (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *next = g_build_filename (dir, "next", NULL);
  g_autofree char *file = g_build_filename (dir, "an.segmenta", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *customers = NULL, *migration = NULL, *tx = NULL, *activity = NULL;
  g_autoptr(GString) edited = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_auto(Run) run = { 0 };
  guint total = 0;

  copy_sample (data);
  g_mkdir_with_parents (next, 0755);
  run_cli (&run, "%s/customers.csv %s/transactions.csv %s/activity.csv --method rules,kmeans --k 4 --save %s",
           data, data, data, file);
  g_assert_cmpint (run.status, ==, 0);

  /* next month: C00001 and C00002 gone, C90001 new, the rest as they were */
  customers = read_file (data, "customers.csv");
  lines = g_strsplit (customers, "\n", -1);
  for (guint i = 0; lines[i] && *lines[i]; i++)
    if (!g_str_has_prefix (lines[i], "C00001,") && !g_str_has_prefix (lines[i], "C00002,"))
      g_string_append_printf (edited, "%s\n", lines[i]);
  g_string_append (edited, "C90001,New Person,30,50000,Pune,India,2025-01-01,700,1,true\n");
  write_file (next, "customers.csv", edited->str);
  tx = read_file (data, "transactions.csv");
  write_file (next, "transactions.csv", tx);
  activity = read_file (data, "activity.csv");
  write_file (next, "activity.csv", activity);

  run_cli (&run, "--apply %s %s/customers.csv %s/transactions.csv %s/activity.csv --out %s",
           file, next, next, next, out);
  g_assert_cmpint (run.status, ==, 0);
  migration = read_file (out, "migration.csv");
  g_assert_nonnull (strstr (migration, "rules,(new),"));
  g_assert_nonnull (strstr (migration, ",(gone),"));
  g_assert_nonnull (strstr (run.err, "rules: "));
  g_assert_nonnull (strstr (run.err, " 1 new, 2 gone"));
  /* every customer of either month is counted once per method */
  {
    g_auto(GStrv) rows = g_strsplit (migration, "\n", -1);
    for (guint i = 1; rows[i] && *rows[i]; i++)
      if (g_str_has_prefix (rows[i], "kmeans,"))
        {
          g_auto(GStrv) cells = g_strsplit (rows[i], ",", -1);
          guint n = g_strv_length (cells);
          total += (guint) g_ascii_strtoull (cells[n - 2], NULL, 10);
        }
  }
  g_assert_cmpuint (total, ==, 301);   /* 298 kept + 1 new + 2 gone */
  seg_test_rmdir_recursive (dir);
}

static void
test_usage (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *bad = g_build_filename (dir, "bad.segmenta", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.segmenta", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "--open %s --apply %s", bad, bad);
  g_assert_cmpint (run.status, ==, 2);
  write_file (dir, "bad.segmenta", "{\"hello\": 1}");
  run_cli (&run, "--open %s", bad);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "bad.segmenta: this is not a Segmenta analysis file"));
  write_file (dir, "newer.segmenta", "{\"format\": \"segmenta-analysis\", \"version\": 7}");
  run_cli (&run, "--open %s", newer);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "newer Segmenta"));
  seg_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-file/save-open", test_save_open);
  g_test_add_func ("/cli-file/open-changed-moved-missing", test_open_changed_moved_missing);
  g_test_add_func ("/cli-file/apply-shuffled", test_apply_shuffled);
  g_test_add_func ("/cli-file/apply-migration", test_apply_migration);
  g_test_add_func ("/cli-file/usage", test_usage);
  return g_test_run ();
}
