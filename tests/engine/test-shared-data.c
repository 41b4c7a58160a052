/* test-shared-data.c — a test that needs ../shared/data skips without it,
 * and fails without it under CI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks run this program again as a child whose only test asks for a
 * data set that does not exist, with CI set or not, and read the child's
 * TAP line: "ok … # SKIP" or "not ok".
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "seg-test-util.h"

#define CHILD_ENV "SEG_TEST_SHARED_DATA_CHILD"

static char *self;

static void
child_absent (void)
{
  g_autofree char *path = seg_test_require_shared_data ("no-such-data-set/never.csv");

  g_assert_null (path);
}

/* The child's TAP line for its one test, with CI set to @ci (NULL: unset).
 * g_spawn_sync () and not GSubprocess: it needs no GLib worker thread, whose
 * hand-offs ThreadSanitizer cannot see in an uninstrumented GLib. */
static char *
run_child (const char *ci)
{
  const char *argv[] = { self, "--tap", NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), CHILD_ENV, "1", TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  env = ci != NULL ? g_environ_setenv (g_steal_pointer (&env), "CI", ci, TRUE)
                   : g_environ_unsetenv (g_steal_pointer (&env), "CI");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "ok ") || g_str_has_prefix (lines[i], "not ok "))
      return g_strdup (lines[i]);
  g_error ("no test result in the child's output:\n%s", out);
}

static void
assert_skipped (const char *ci)
{
  g_autofree char *line = run_child (ci);

  g_test_message ("CI=%s: %s", ci != NULL ? ci : "(unset)", line);
  g_assert_true (g_str_has_prefix (line, "ok "));
  g_assert_nonnull (strstr (line, "# SKIP"));
  g_assert_nonnull (strstr (line, "no-such-data-set/never.csv is not available"));
}

static void
assert_failed (const char *ci)
{
  g_autofree char *line = run_child (ci);

  g_test_message ("CI=%s: %s", ci, line);
  g_assert_true (g_str_has_prefix (line, "not ok "));
  g_assert_nonnull (strstr (line, "no-such-data-set/never.csv is missing"));
}

static void
test_absent_skips (void)
{
  assert_skipped (NULL);
  /* set to nothing, 0 or false is not CI */
  assert_skipped ("");
  assert_skipped ("0");
  assert_skipped ("false");
}

static void
test_absent_fails_in_ci (void)
{
  assert_failed ("true");
  assert_failed ("1");
  assert_failed ("yes");
}

/* When the data is here (CI always has it), the helper finds it. */
static void
test_present (void)
{
  g_autofree char *required = seg_test_require_shared_data ("fintech/customers.csv");
  g_autofree char *plain = seg_test_shared_data ("fintech/customers.csv");

  if (required == NULL)
    return;
  g_assert_cmpstr (required, ==, plain);
  g_assert_true (g_file_test (required, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  self = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);
  if (g_getenv (CHILD_ENV) != NULL)
    {
      g_test_add_func ("/shared-data/child/absent", child_absent);
      return g_test_run ();
    }
  g_test_add_func ("/shared-data/absent-skips", test_absent_skips);
  g_test_add_func ("/shared-data/absent-fails-in-ci", test_absent_fails_in_ci);
  g_test_add_func ("/shared-data/present", test_present);
  return g_test_run ();
}
