/* test-cli-outputs.c — the --out folder is replaced whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A previous run's customers.csv, segments.csv, summary.json and charts/…
 * must survive a disk that fills up and a process killed in the middle of
 * writing, byte for byte, with no partial file under an output's name.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "seg-test-util.h"

/* relative path -> contents of every file under @dir */
static void
snapshot_into (GHashTable *files,
               const char *dir,
               const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *rel = prefix ? g_build_filename (prefix, name, NULL) : g_strdup (name);
      char *text = NULL;
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        snapshot_into (files, path, rel);
      else
        {
          g_assert_true (g_file_get_contents (path, &text, &len, NULL));
          g_hash_table_insert (files, g_steal_pointer (&rel), g_bytes_new_take (text, len));
        }
    }
}

static GHashTable *
snapshot (const char *dir)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);
  snapshot_into (files, dir, NULL);
  return files;
}

/* Every file of @before is in @dir with the same bytes, and every other
 * file there is a hidden temporary (".NAME.XXXXXX.tmp"), never a partial
 * file under an output's name. */
static void
assert_survived (GHashTable *before,
                 const char *dir,
                 gboolean    allow_temporaries)
{
  g_autoptr(GHashTable) after = snapshot (dir);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *now = g_hash_table_lookup (after, key);

      if (now == NULL)
        g_error ("%s vanished", (char *) key);
      if (!g_bytes_equal (now, value))
        g_error ("%s changed: %zu bytes before, %zu after", (char *) key,
                 g_bytes_get_size (value), g_bytes_get_size (now));
    }
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *base = g_path_get_basename (key);

      if (g_hash_table_contains (before, key))
        continue;
      if (!allow_temporaries || base[0] != '.' || !g_str_has_suffix (base, ".tmp"))
        g_error ("unexpected file %s (%zu bytes)", (char *) key, g_bytes_get_size (value));
    }
}

static char *
sample (const char *name)
{
  return g_build_filename (seg_test_source_root (), "data/samples/fintech", name, NULL);
}

/* The run that makes the old outputs, and the different run that is
 * interrupted: without the activity log, other columns and segments. */
static GPtrArray *
cli_argv (const char *out,
          gboolean    second)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (g_getenv ("SEGMENTA_CLI")));
  g_ptr_array_add (argv, sample ("customers.csv"));
  g_ptr_array_add (argv, sample ("transactions.csv"));
  if (!second)
    g_ptr_array_add (argv, sample ("activity.csv"));
  g_ptr_array_add (argv, g_strdup ("--method"));
  g_ptr_array_add (argv, g_strdup ("metrics,rules,rfm"));
  g_ptr_array_add (argv, g_strdup ("--chart-format"));
  g_ptr_array_add (argv, g_strdup ("png"));
  g_ptr_array_add (argv, g_strdup ("--chart-size"));
  g_ptr_array_add (argv, g_strdup ("400x250"));
  g_ptr_array_add (argv, g_strdup ("--out"));
  g_ptr_array_add (argv, g_strdup (out));
  g_ptr_array_add (argv, NULL);
  return argv;
}

static int
run_sync (GPtrArray          *argv,
          GSpawnChildSetupFunc setup,
          char              **err)
{
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, setup, NULL,
                NULL, err, &wait_status, &error);
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* The disk is "full" after 32 KiB per file: RLIMIT_FSIZE makes the write
 * that crosses it fail part-way (EFBIG), like ENOSPC on a full disk.  The
 * summary and the charts (about 12-24 KiB each) fit, customers.csv (about
 * 46 KiB), written last, does not. */
static void
limit_file_size (gpointer data)
{
  struct rlimit lim = { 32 * 1024, 32 * 1024 };

  (void) data;
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &lim);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "report", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh", NULL);
  g_autoptr(GPtrArray) first = cli_argv (out, FALSE);
  g_autoptr(GPtrArray) second = cli_argv (out, TRUE);
  g_autoptr(GPtrArray) into_fresh = cli_argv (fresh, TRUE);
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_sync (first, NULL, NULL), ==, 0);
  before = snapshot (out);
  g_assert_true (g_hash_table_contains (before, "customers.csv"));
  g_assert_true (g_hash_table_contains (before, "charts/rfm-grid.png"));

  g_assert_cmpint (run_sync (second, limit_file_size, &err), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "cannot write"));
  assert_survived (before, out, FALSE);

  /* a folder the failed run would have created is not left behind */
  g_assert_cmpint (run_sync (into_fresh, limit_file_size, &err2), ==, 1);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  seg_test_rmdir_recursive (dir);
}

/* Starts @argv with SEGMENTA_PUBLISH_PAUSE=@at: the CLI stops itself once
 * @at bytes of the new outputs are written; it is then killed with
 * SIGKILL, as a crash or a power cut would stop it. */
static void
kill_at (GPtrArray *argv,
         gsize      at)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strdup_printf ("%zu", at);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "SEGMENTA_PUBLISH_PAUSE", value, TRUE);
  GPid pid;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, envp,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, WUNTRACED), ==, pid);
  if (!WIFSTOPPED (status))
    g_error ("the CLI ran to the end (status %d) instead of stopping after %zu bytes", status, at);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_spawn_close_pid (pid);
}

static void
test_killed_mid_write (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "report", NULL);
  g_autofree char *scratch = g_build_filename (dir, "scratch", NULL);
  g_autoptr(GPtrArray) first = cli_argv (out, FALSE);
  g_autoptr(GPtrArray) second = cli_argv (out, TRUE);
  g_autoptr(GPtrArray) measure = cli_argv (scratch, TRUE);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) sizes = NULL;
  GHashTableIter iter;
  gpointer value;
  gsize total = 0, customers;

  g_assert_cmpint (run_sync (first, NULL, NULL), ==, 0);
  before = snapshot (out);
  /* how much the second run writes (customers.csv comes last) */
  g_assert_cmpint (run_sync (measure, NULL, NULL), ==, 0);
  sizes = snapshot (scratch);
  g_hash_table_iter_init (&iter, sizes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += g_bytes_get_size (value);
  customers = g_bytes_get_size (g_hash_table_lookup (sizes, "customers.csv"));
  g_assert_cmpuint (customers, >, 1000);
  /* the new customers.csv differs from the old one, so a mix would show */
  g_assert_false (g_bytes_equal (g_hash_table_lookup (sizes, "customers.csv"),
                                 g_hash_table_lookup (before, "customers.csv")));

  /* in the middle of the first file, of a chart, and of customers.csv */
  kill_at (second, 100);
  assert_survived (before, out, TRUE);
  kill_at (second, total / 2);
  assert_survived (before, out, TRUE);
  kill_at (second, total - customers / 2);
  assert_survived (before, out, TRUE);

  /* and the next complete run replaces the set */
  g_assert_cmpint (run_sync (second, NULL, NULL), ==, 0);
  {
    g_autoptr(GHashTable) now = snapshot (out);
    g_assert_true (g_bytes_equal (g_hash_table_lookup (now, "customers.csv"),
                                  g_hash_table_lookup (sizes, "customers.csv")));
  }
  seg_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/outputs/disk-full", test_disk_full);
  g_test_add_func ("/cli/outputs/killed-mid-write", test_killed_mid_write);
  return g_test_run ();
}
