/* test-cli-report.c — segmenta-cli --report, read back with poppler-utils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 11 "Done when": --report on the fintech sample writes a PDF of at
 * least six pages whose text (pdftotext) has the segment names, the
 * customer count, the as-of date, the RFM names, the silhouette, churn and
 * lifetime value sections.  The names and figures come from the same
 * run's --json summary, not from this file.  pdftotext, pdfinfo and
 * pdffonts are Debian's poppler-utils (build-aux/deps.sh); without them the
 * test skips, or fails under CI=true.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "seg-test-util.h"

static gboolean
need_tool (const char *tool)
{
  g_autofree char *path = g_find_program_in_path (tool);

  if (path != NULL)
    return TRUE;
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_error ("%s is missing: install poppler-utils (build-aux/deps.sh)", tool);
  g_test_skip ("poppler-utils is not installed");
  return FALSE;
}

static int
spawn (const char *const *argv,
       char             **out,
       char             **err)
{
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &wait_status, &error);
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* pdftotext's text with every run of white space made one space. */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GRegex) ws = g_regex_new ("\\s+", 0, 0, NULL);

  g_assert_cmpint (spawn (argv, &out, &err), ==, 0);
  return g_regex_replace_literal (ws, out, -1, 0, " ", 0, NULL);
}

static char *
pdf_info (const char *pdf,
          const char *key)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (spawn (argv, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (key) + 1));
  g_error ("pdfinfo printed no %s", key);
  return NULL;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("the report's text has no “%s”", needle);
}

static char *
sample (const char *name)
{
  return g_build_filename (seg_test_source_root (), "data/samples/fintech", name, NULL);
}

static void
assert_segment_names (const char *text,
                      JsonObject *summary,
                      const char *method)
{
  JsonArray *segs = json_object_get_array_member (json_object_get_object_member (summary, method), "segments");

  g_assert_cmpuint (json_array_get_length (segs), >, 1);
  for (guint i = 0; i < json_array_get_length (segs); i++)
    assert_contains (text, json_object_get_string_member (json_array_get_object_element (segs, i), "name"));
}

static void
test_report_fintech (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *pdf = g_build_filename (dir, "fintech report.pdf", NULL);
  g_autofree char *c = sample ("customers.csv"), *t = sample ("transactions.csv"), *a = sample ("activity.csv");
  const char *argv[] = { g_getenv ("SEGMENTA_CLI"), c, t, a, "--report", pdf, "--paper", "a4", "--json", NULL };
  g_autofree char *out = NULL, *err = NULL, *text = NULL, *pages = NULL, *size = NULL, *count = NULL;
  g_autofree char *fonts = NULL, *fonts_err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *summary;
  const char *fonts_argv[] = { "pdffonts", pdf, NULL };
  g_auto(GStrv) font_lines = NULL;
  guint n_fonts = 0;

  if (!need_tool ("pdftotext") || !need_tool ("pdfinfo") || !need_tool ("pdffonts"))
    return;
  g_assert_cmpint (spawn (argv, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  summary = json_node_get_object (json_parser_get_root (parser));

  pages = pdf_info (pdf, "Pages");
  g_assert_cmpint (atoi (pages), >=, 6);
  size = pdf_info (pdf, "Page size");
  g_assert_true (g_str_has_prefix (size, "595.276 x 841.89"));

  text = pdf_text (pdf);
  count = g_strdup_printf ("%" G_GINT64_FORMAT " customers", json_object_get_int_member (summary, "customers"));
  assert_contains (text, count);
  assert_contains (text, json_object_get_string_member (summary, "as_of"));
  assert_segment_names (text, summary, "rules");
  assert_segment_names (text, summary, "rfm");
  assert_segment_names (text, summary, "kmeans");
  assert_contains (text, "Silhouette by number of clusters");
  assert_contains (text, "Silhouette plot");
  assert_contains (text, "Churn ");
  assert_contains (text, "ROC curve of the churn model");
  assert_contains (text, "Customer lifetime value");
  assert_contains (text, "Methods");
  assert_contains (text, "Excluded churn features");
  /* the footer on every page */
  {
    g_autofree char *last = g_strdup_printf ("Page %s of %s", pages, pages);
    g_autofree char *footer = g_strdup_printf ("fintech · as of %s", json_object_get_string_member (summary, "as_of"));
    assert_contains (text, last);
    assert_contains (text, footer);
  }
  /* a long table continues under its header: "Features (continued)" then the header again */
  {
    const char *cont = strstr (text, "Features (continued)");
    g_assert_nonnull (cont);
    g_assert_nonnull (strstr (cont, "Feature Transform Mean Standard deviation Imputed"));
  }

  /* every font embedded */
  g_assert_cmpint (spawn (fonts_argv, &fonts, &fonts_err), ==, 0);
  font_lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; font_lines[i]; i++)
    if (*font_lines[i] != '\0')
      {
        g_assert_nonnull (strstr (font_lines[i], " yes yes yes "));
        n_fonts++;
      }
  g_assert_cmpuint (n_fonts, >, 0);
  seg_test_rmdir_recursive (dir);
}

static void
test_report_letter (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *c = sample ("customers.csv"), *t = sample ("transactions.csv"), *a = sample ("activity.csv");
  const char *argv[] = { g_getenv ("SEGMENTA_CLI"), c, t, a, "--method", "rules", "--report", pdf, "--paper", "letter", NULL };
  g_autofree char *out = NULL, *err = NULL, *size = NULL;

  if (!need_tool ("pdfinfo"))
    return;
  g_assert_cmpint (spawn (argv, &out, &err), ==, 0);
  size = pdf_info (pdf, "Page size");
  g_assert_true (g_str_has_prefix (size, "612 x 792"));
  seg_test_rmdir_recursive (dir);
}

static void
test_report_usage (void)
{
  g_autofree char *c = sample ("customers.csv"), *t = sample ("transactions.csv");
  const char *bad_paper[] = { g_getenv ("SEGMENTA_CLI"), c, "--report", "x.pdf", "--paper", "a5", NULL };
  const char *paper_alone[] = { g_getenv ("SEGMENTA_CLI"), c, "--paper", "a4", NULL };
  const char *bad_dir[] = { g_getenv ("SEGMENTA_CLI"), c, t, "--method", "rfm", "--report", "/nonexistent-dir/r.pdf", NULL };
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL, *o3 = NULL, *e3 = NULL;

  g_assert_cmpint (spawn (bad_paper, &o1, &e1), ==, 2);
  g_assert_nonnull (strstr (e1, "--paper a5"));
  g_assert_cmpint (spawn (paper_alone, &o2, &e2), ==, 2);
  g_assert_cmpint (spawn (bad_dir, &o3, &e3), ==, 1);
  g_assert_nonnull (strstr (e3, "/nonexistent-dir/r.pdf"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/report/fintech", test_report_fintech);
  g_test_add_func ("/cli/report/letter", test_report_letter);
  g_test_add_func ("/cli/report/usage", test_report_usage);
  return g_test_run ();
}
