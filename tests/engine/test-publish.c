/* test-publish.c — sets of files that appear whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "seg-csv-writer.h"
#include "seg-error.h"
#include "seg-publish.h"
#include "seg-test-util.h"

static char *
slurp (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

static void
put (const char *dir,
     const char *name,
     const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static int
cmp_names (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined with spaces ("" when empty). */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, cmp_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_set (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autoptr(SegPublish) pub = seg_publish_new (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("a,b\n1,2\n", 8);
  g_autofree char *list = NULL, *charts = NULL, *a = NULL, *c = NULL, *x = NULL;
  g_autofree char *path = NULL;
  const char *reserved;
  mode_t mask = umask (022);
  GStatBuf st;
  FILE *f;

  g_assert_true (seg_publish_add (pub, "a.csv", bytes, &error));
  g_assert_no_error (error);
  g_assert_true (seg_publish_add_data (pub, "charts/c.svg", "<svg/>", 6, &error));
  reserved = seg_publish_add_path (pub, "x.xlsx", &error);
  g_assert_no_error (error);
  g_assert_nonnull (reserved);
  f = fopen (reserved, "wb");
  g_assert_nonnull (f);
  fputs ("PK", f);
  g_assert_cmpint (fclose (f), ==, 0);
  /* nothing under a final name yet: only hidden temporaries */
  list = listing (out);
  g_assert_false (g_file_test (path = g_build_filename (out, "a.csv", NULL), G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (list, ".a.csv."));
  g_clear_pointer (&list, g_free);

  g_assert_true (seg_publish_commit (pub, &error));
  g_assert_no_error (error);
  list = listing (out);
  g_assert_cmpstr (list, ==, "a.csv charts x.xlsx");
  g_free (path);
  path = g_build_filename (out, "charts", NULL);
  charts = listing (path);
  g_assert_cmpstr (charts, ==, "c.svg");
  a = slurp (out, "a.csv");
  c = slurp (out, "charts/c.svg");
  x = slurp (out, "x.xlsx");
  g_assert_cmpstr (a, ==, "a,b\n1,2\n");
  g_assert_cmpstr (c, ==, "<svg/>");
  g_assert_cmpstr (x, ==, "PK");
  /* the mode of any new file, not mkstemp's 0600 */
  g_free (path);
  path = g_build_filename (out, "a.csv", NULL);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpuint (seg_publish_get_paths (pub)->len, ==, 3);
  umask (mask);
  seg_test_rmdir_recursive (dir);
}

/* RLIMIT_FSIZE makes a write fail with EFBIG past @limit bytes (the
 * signal it would raise is ignored), as a full disk makes it fail with
 * ENOSPC: the write after the limit is refused part-way. */
static void
limit_file_size (rlim_t          limit,
                 struct rlimit  *saved)
{
  struct rlimit lim;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, saved), ==, 0);
  lim = *saved;
  lim.rlim_cur = limit;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &lim), ==, 0);
}

static void
test_write_error_keeps_old_set (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *fresh = g_build_filename (dir, "fresh", "deeper", NULL);
  g_autofree char *big = g_strnfill (64 * 1024, 'x');
  g_autofree char *list = NULL, *a = NULL, *b = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved;
  void (*old_handler) (int) = signal (SIGXFSZ, SIG_IGN);

  put (dir, "a.csv", "old a\n");
  put (dir, "b.json", "{\"old\": true}\n");
  {
    g_autoptr(SegPublish) pub = seg_publish_new (dir);

    g_assert_true (seg_publish_add_data (pub, "a.csv", "new a\n", 6, &error));
    limit_file_size (16 * 1024, &saved);
    g_assert_false (seg_publish_add_data (pub, "b.json", big, strlen (big), &error));
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
    g_assert_error (error, SEG_ERROR, SEG_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "b.json"));
    g_clear_error (&error);
    /* a set with a failed file cannot be committed by mistake */
    g_assert_false (seg_publish_commit (pub, &error));
    g_assert_error (error, SEG_ERROR, SEG_ERROR_IO);
    g_clear_error (&error);
  }
  a = slurp (dir, "a.csv");
  b = slurp (dir, "b.json");
  g_assert_cmpstr (a, ==, "old a\n");
  g_assert_cmpstr (b, ==, "{\"old\": true}\n");
  list = listing (dir);
  g_assert_cmpstr (list, ==, "a.csv b.json");

  /* the single-file writer: the old file stays whole, no temporary left */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (big, strlen (big));
    g_autofree char *path = g_build_filename (dir, "a.csv", NULL);

    limit_file_size (16 * 1024, &saved);
    g_assert_false (seg_publish_file (path, bytes, &error));
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
    g_assert_error (error, SEG_ERROR, SEG_ERROR_IO);
    g_clear_error (&error);
  }
  g_free (a);
  a = slurp (dir, "a.csv");
  g_assert_cmpstr (a, ==, "old a\n");
  g_free (list);
  list = listing (dir);
  g_assert_cmpstr (list, ==, "a.csv b.json");

  /* folders the failed set created go again */
  {
    g_autoptr(SegPublish) pub = seg_publish_new (fresh);

    limit_file_size (16 * 1024, &saved);
    g_assert_false (seg_publish_add_data (pub, "charts/big.png", big, strlen (big), &error));
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
    g_clear_error (&error);
  }
  g_free (list);
  list = listing (dir);
  g_assert_cmpstr (list, ==, "a.csv b.json");
  signal (SIGXFSZ, old_handler);
  seg_test_rmdir_recursive (dir);
}

/* A rename that fails half-way through the set puts the files already
 * renamed back to their old contents. */
static void
test_rename_failure_rolls_back (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *blocker = g_build_filename (dir, "z.csv", NULL);
  g_autofree char *inside = g_build_filename (blocker, "keep", NULL);
  g_autofree char *list = NULL, *a = NULL;
  g_autoptr(GError) error = NULL;

  put (dir, "a.csv", "old a\n");
  /* a non-empty folder where the last file should go: rename() refuses */
  g_assert_cmpint (g_mkdir (blocker, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", -1, NULL));
  {
    g_autoptr(SegPublish) pub = seg_publish_new (dir);

    g_assert_true (seg_publish_add_data (pub, "a.csv", "new a\n", 6, &error));
    g_assert_true (seg_publish_add_data (pub, "n.csv", "new n\n", 6, &error));
    g_assert_true (seg_publish_add_data (pub, "z.csv", "new z\n", 6, &error));
    g_assert_false (seg_publish_commit (pub, &error));
    g_assert_error (error, SEG_ERROR, SEG_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "z.csv"));
  }
  a = slurp (dir, "a.csv");
  g_assert_cmpstr (a, ==, "old a\n");
  list = listing (dir);
  g_assert_cmpstr (list, ==, "a.csv z.csv");
  seg_test_rmdir_recursive (dir);
}

static void
test_single_file (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "one.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "one.csv", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("new\n", 4);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *list = NULL;

  put (dir, "one.csv", "old\n");
  g_assert_true (seg_publish_file (path, bytes, &error));
  g_assert_no_error (error);
  text = slurp (dir, "one.csv");
  g_assert_cmpstr (text, ==, "new\n");
  g_assert_true (seg_publish_file (path, empty, &error));
  g_free (text);
  text = slurp (dir, "one.csv");
  g_assert_cmpstr (text, ==, "");
  /* the folder of a single file must exist */
  g_assert_false (seg_publish_file (missing, bytes, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_IO);
  list = listing (dir);
  g_assert_cmpstr (list, ==, "one.csv");
  seg_test_rmdir_recursive (dir);
}

static gboolean
write_nothing (SegPublishSink  *sink G_GNUC_UNUSED,
               gpointer         user_data G_GNUC_UNUSED,
               GError         **error G_GNUC_UNUSED)
{
  return TRUE;
}

/* A file written in pieces (seg_publish_add_writer ()): the same bytes as
 * the whole text; a write that fails leaves the old set and no temporary. */
static void
test_writer (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autoptr(SegTable) table = seg_table_new (NULL);
  const guint64 n = 30000;
  double *x = g_new (double, n);
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL, *a = NULL, *e = NULL;
  g_autofree char *path = g_build_filename (dir, "t.csv", NULL);
  g_autofree char *text = NULL;
  gsize len;
  struct rlimit saved;
  void (*old_handler) (int) = signal (SIGXFSZ, SIG_IGN);

  for (guint64 i = 0; i < n; i++)
    x[i] = (double) i / 7;
  seg_table_add_column (table, "x", SEG_COLUMN_NUMBER, n, x, NULL);
  whole = seg_csv_format_table (table, NULL, 0);
  {
    g_autoptr(SegPublish) pub = seg_publish_new (dir);

    g_assert_true (seg_publish_add_writer (pub, "t.csv", seg_csv_publish_table, table, &error));
    g_assert_no_error (error);
    g_assert_true (seg_publish_add_writer (pub, "empty.csv", write_nothing, NULL, &error));
    g_assert_true (seg_publish_commit (pub, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_cmpmem (text, len, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole));
  e = slurp (dir, "empty.csv");
  g_assert_cmpstr (e, ==, "");

  put (dir, "a.csv", "old a\n");
  {
    g_autoptr(SegPublish) pub = seg_publish_new (dir);

    g_assert_true (seg_publish_add_data (pub, "a.csv", "new a\n", 6, &error));
    limit_file_size (64 * 1024, &saved);
    g_assert_false (seg_publish_add_writer (pub, "t.csv", seg_csv_publish_table, table, &error));
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
    g_assert_error (error, SEG_ERROR, SEG_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "t.csv"));
    g_clear_error (&error);
    g_assert_false (seg_publish_commit (pub, &error));
    g_clear_error (&error);
  }
  a = slurp (dir, "a.csv");
  g_assert_cmpstr (a, ==, "old a\n");
  list = listing (dir);
  g_assert_cmpstr (list, ==, "a.csv empty.csv t.csv");
  g_free (text);
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_cmpuint (len, ==, g_bytes_get_size (whole));
  signal (SIGXFSZ, old_handler);
  seg_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/publish/set", test_set);
  g_test_add_func ("/publish/write-error-keeps-old-set", test_write_error_keeps_old_set);
  g_test_add_func ("/publish/rename-failure-rolls-back", test_rename_failure_rolls_back);
  g_test_add_func ("/publish/single-file", test_single_file);
  g_test_add_func ("/publish/writer", test_writer);
  return g_test_run ();
}
