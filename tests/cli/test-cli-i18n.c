/* test-cli-i18n.c — segmenta-cli in German: messages translated, data not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs the de_DE.UTF-8 locale (build-aux/test generates it).  Without it the
 * tests skip, except under CI, where a skipped check is a check that did not
 * run, so they fail.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "seg-test-util.h"

static gboolean
have_german (void)
{
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));
  gboolean ok = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;

  setlocale (LC_ALL, old);
  if (!ok)
    {
      if (g_getenv ("CI") != NULL)
        g_test_fail_printf ("the de_DE.UTF-8 locale is missing; build-aux/test generates it");
      else
        g_test_skip ("the de_DE.UTF-8 locale is not generated");
    }
  return ok;
}

/* Runs segmenta-cli with @env_pairs ("NAME=VALUE", NULL-terminated) added to
 * a clean C.UTF-8 environment; returns the exit status. */
static int
run_cli (const char * const *env_pairs,
         const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *podir = g_build_filename (g_getenv ("SEG_BUILD_ROOT"), "po", NULL);
  int wait_status;

  for (const char *unset[] = { "LC_ALL", "LANGUAGE", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", NULL },
       **u = unset; *u; u++)
    envp = g_environ_unsetenv (envp, *u);
  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "SEGMENTA_LOCALEDIR", podir, TRUE);
  for (; env_pairs != NULL && *env_pairs != NULL; env_pairs++)
    {
      g_auto(GStrv) kv = g_strsplit (*env_pairs, "=", 2);
      envp = g_environ_setenv (envp, kv[0], kv[1], TRUE);
    }
  g_ptr_array_add (argv, (char *) g_getenv ("SEGMENTA_CLI"));
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (char *) *args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static char *
sample (const char *name)
{
  return g_build_filename (seg_test_source_root (), "data/samples/fintech", name, NULL);
}

static void
test_messages_german (void)
{
  const char *de[] = { "LANG=de_DE.UTF-8", NULL };
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  const char *help[] = { "--help", NULL };
  const char *missing[] = { "/nonexistent/kunden.csv", NULL };

  if (!have_german ())
    return;
  g_assert_cmpint (run_cli (de, help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "DATEI"));               /* FILE */

  g_assert_cmpint (run_cli (de, missing, &out2, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "/nonexistent/kunden.csv"));
  g_assert_nonnull (strstr (err2, "existiert nicht"));
}

static char *
read_out (const char *dir,
          const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* A German user's numbers stay machine-readable: the CSV files are the same
 * bytes under a German LC_NUMERIC, and in German the segment names are
 * German while every number still uses a decimal point. */
static void
test_outputs_locale_independent (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *c_out = g_build_filename (dir, "c", NULL);
  g_autofree char *n_out = g_build_filename (dir, "n", NULL);
  g_autofree char *de_out = g_build_filename (dir, "de", NULL);
  g_autofree char *cust = sample ("customers.csv"), *txn = sample ("transactions.csv");
  g_autofree char *act = sample ("activity.csv");
  const char *numeric[] = { "LC_NUMERIC=de_DE.UTF-8", "LC_TIME=de_DE.UTF-8", NULL };
  const char *german[] = { "LANG=de_DE.UTF-8", NULL };
  const char *a1[] = { cust, txn, act, "--out", c_out, NULL };
  const char *a2[] = { cust, txn, act, "--out", n_out, NULL };
  const char *a3[] = { cust, txn, act, "--out", de_out, NULL };
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL, *o3 = NULL, *e3 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!have_german ())
    return;
  g_assert_cmpint (run_cli (NULL, a1, &o1, &e1), ==, 0);
  g_assert_cmpint (run_cli (numeric, a2, &o2, &e2), ==, 0);
  g_assert_cmpint (run_cli (german, a3, &o3, &e3), ==, 0);

  for (const char *names[] = { "customers.csv", "segments.csv", NULL }, **n = names; *n; n++)
    {
      g_autofree char *a = read_out (c_out, *n), *b = read_out (n_out, *n);
      g_assert_cmpstr (a, ==, b);
    }
  {
    g_autofree char *segments = read_out (de_out, "segments.csv");
    g_autofree char *summary = read_out (de_out, "summary.json");
    g_auto(GStrv) lines = g_strsplit (segments, "\n", -1);
    g_autofree char *c_segments = read_out (c_out, "segments.csv");
    g_auto(GStrv) c_lines = g_strsplit (c_segments, "\n", -1);

    g_assert_nonnull (strstr (segments, "rfm,Im Winterschlaf,"));   /* Hibernating */
    g_assert_nonnull (strstr (segments, "rules,Intensivnutzer,63,"));  /* Power User */
    g_assert_nonnull (strstr (segments, "rules,Übrige,88,"));          /* Others */
    g_assert_nonnull (strstr (segments, "rfm,Champions,34,0.11333333333333333,"));
    g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (c_lines));
    json_parser_load_from_data (parser, summary, -1, &error);
    g_assert_no_error (error);
    /* notes on standard error are German too */
    g_assert_nonnull (strstr (e3, "Hinweis"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/i18n/messages", test_messages_german);
  g_test_add_func ("/cli/i18n/outputs", test_outputs_locale_independent);
  return g_test_run ();
}
