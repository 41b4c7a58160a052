/* test-cli-hardening.c — numeric options and derived dates (issue 17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "seg-test-util.h"

static int
run (char      **err,
     char      **out,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("SEGMENTA_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Out-of-range numbers are usage errors (exit 2), never wrapped around:
 * 4294967396 was read as 100 by sscanf ("%d"), and --n-init 2147483647
 * ran for ever. */
static void
test_numeric_options (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *c = g_build_filename (seg_test_source_root (), "data/samples/fintech/customers.csv", NULL);
  const char *cases[][2] = {
    { "--chart-size", "4294967396x200" },
    { "--chart-size", "200x4294967396" },
    { "--chart-size", "-1600x1000" },
    { "--chart-size", "1600x1000x" },
    { "--n-init", "2147483647" },
    { "--n-init", "1001" },
    { "--n-init", "99999999999" },
    { "--seed", "99999999999" },
    { "--k", "4294967298" },
    { "--k-range", "4294967297..4294967298" },
    { "--k-range", "2..4294967298" },
    { "--clv-months", "99999999999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = run (&err, NULL, c, "--method", "metrics", "--chart-format", "png",
                        "--out", dir, cases[i][0], cases[i][1], NULL);

      g_test_message ("%s %s: %d %s", cases[i][0], cases[i][1], status, err);
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (err, cases[i][0]));
    }
  /* the largest accepted values still work */
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (run (&err, NULL, c, "--method", "metrics", "--chart-format", "svg",
                          "--chart-size", "100x100", "--out", dir, NULL), ==, 0);
  }
  seg_test_rmdir_recursive (dir);
}

/* --derive 'd = registration_date + 1e300' wrote the date 2030437271-06-07
 * (undefined behaviour in the day-count conversion); now an empty cell and
 * a note. */
static void
test_derived_date_overflow (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *c = g_build_filename (seg_test_source_root (), "data/samples/fintech/customers.csv", NULL);
  g_autofree char *err = NULL;
  g_autofree char *customers = NULL;
  g_autofree char *path = g_build_filename (dir, "customers.csv", NULL);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) first = NULL;
  guint col = 0;

  g_assert_cmpint (run (&err, NULL, c, "--method", "metrics", "--derive",
                        "d = registration_date + 1e300", "--out", dir, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "Calculated column “d”: 300 dates fall outside the years 1 to 9999"));
  g_assert_true (g_file_get_contents (path, &customers, NULL, NULL));
  lines = g_strsplit (customers, "\n", 3);
  header = g_strsplit (lines[0], ",", -1);
  first = g_strsplit (lines[1], ",", -1);
  while (header[col] && !g_str_equal (header[col], "d"))
    col++;
  g_assert_nonnull (header[col]);
  g_assert_cmpstr (first[col], ==, "");
  seg_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/hardening/numeric-options", test_numeric_options);
  g_test_add_func ("/cli/hardening/derived-date-overflow", test_derived_date_overflow);
  return g_test_run ();
}
