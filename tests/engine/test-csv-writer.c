/* test-csv-writer.c — number formatting, formula neutralisation, atomic writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "seg-csv-writer.h"
#include "seg-test-util.h"

/* The definition of "shortest round trip": the fewest significant digits
 * (1…17) whose %g form reads back as the same double. */
static char *
shortest_by_search (double v)
{
  char buf[64], format[16];

  for (int p = 1; p <= 17; p++)
    {
      g_snprintf (format, sizeof format, "%%.%dg", p);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  return g_strdup (buf);
}

static void
test_shortest (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const double fixed[] = { 0.1, 0.2 + 0.1, 85951.87341772152, 1.0 / 3.0, 6650.299999999999,
                           2.5e-7, 123456789012.25, -0.5, 1e21, 5e-324, 1.7976931348623157e308 };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_autofree char *s = seg_format_number (fixed[i]);
      g_assert_cmpfloat (g_ascii_strtod (s, NULL), ==, fixed[i]);
    }
  for (guint i = 0; i < 200000; i++)
    {
      /* values of every scale, and short decimals like money amounts */
      double v = (g_rand_double (rand) - 0.5) * pow (10, g_rand_int_range (rand, -3, 12));
      if (i % 2)
        v = round (v * 100) / 100;
      if (v != floor (v) && fabs (v) >= 1e-6)
        {
          g_autofree char *ours = seg_format_number (v);
          g_autofree char *ref = shortest_by_search (v);
          g_assert_cmpfloat (g_ascii_strtod (ours, NULL), ==, v);
          if (strchr (ref, 'e') == NULL)
            g_assert_cmpstr (ours, ==, ref);
          else   /* we write fixed notation instead of an exponent */
            g_assert_cmpuint (strlen (ours), >=, 1);
        }
    }
}

static void
test_plain_forms (void)
{
  g_autofree char *a = seg_format_number (1000000);
  g_autofree char *b = seg_format_number (0.000125);
  g_autofree char *c = seg_format_number (NAN);
  g_autofree char *d = seg_format_number (-0.0);
  g_assert_cmpstr (a, ==, "1000000");
  g_assert_cmpstr (b, ==, "0.000125");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "0");
}

static void
test_neutralise (void)
{
  const char *cases[][2] = {
    { "=SUM(A1)", "'=SUM(A1)" }, { "+1+2", "'+1+2" }, { "-3", "-3" }, { "@x", "'@x" },
    { "-2e3", "-2e3" }, { "plain", "plain" }, { "a,b", "\"a,b\"" }, { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\tx", "\"'\tx\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      seg_csv_append_text (out, cases[i][0]);
      g_assert_cmpstr (out->str, ==, cases[i][1]);
    }
}

static void
test_atomic (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "out.csv", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("a,b\n", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDir *d;
  guint n = 0;

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_assert_true (seg_write_file_atomic (path, bytes, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "a,b\n");
  g_assert_false (seg_write_file_atomic (missing, bytes, NULL, &error));
  g_assert_nonnull (error);
  /* no temporary files left behind */
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);
  g_assert_cmpuint (n, ==, 1);
  seg_test_rmdir_recursive (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv-writer/shortest", test_shortest);
  g_test_add_func ("/csv-writer/plain-forms", test_plain_forms);
  g_test_add_func ("/csv-writer/neutralise", test_neutralise);
  g_test_add_func ("/csv-writer/atomic", test_atomic);
  return g_test_run ();
}
