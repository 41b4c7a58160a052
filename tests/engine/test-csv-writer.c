/* test-csv-writer.c — number formatting, formula neutralisation, atomic writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "seg-csv-writer.h"
#include "seg-parallel.h"
#include "seg-publish.h"
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
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_autofree char *s = seg_csv_format_number (fixed[i]);
      g_assert_cmpfloat (g_ascii_strtod (s, NULL), ==, fixed[i]);
    }
  /* 20,000 values (200,000 with -m slow: the slow suite) */
  n = g_test_slow () ? 200000 : 20000;
  for (guint i = 0; i < n; i++)
    {
      /* values of every scale, and short decimals like money amounts */
      double v = (g_rand_double (rand) - 0.5) * pow (10, g_rand_int_range (rand, -3, 12));
      if (i % 2)
        v = round (v * 100) / 100;
      if (v != floor (v) && fabs (v) >= 1e-6)
        {
          g_autofree char *ours = seg_csv_format_number (v);
          g_autofree char *ref = shortest_by_search (v);
          g_assert_cmpfloat (g_ascii_strtod (ours, NULL), ==, v);
          if (strchr (ref, 'e') == NULL)
            g_assert_cmpstr (ours, ==, ref);
          else   /* we write fixed notation instead of an exponent */
            g_assert_cmpuint (strlen (ours), >=, 1);
        }
    }
}

/* seg_csv_format_number() as it was written with printf and strtod (three
 * formatting calls and up to 24 more); the fast version must produce the same
 * bytes for every double. */
static gboolean
reference_round_trips (const char *text,
                       double      value)
{
  return g_ascii_strtod (text, NULL) == value;
}

static char *
reference_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };

  if (isnan (value))
    return g_strdup ("");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value == 0 ? 0.0 : value);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (reference_round_trips (buf, value))
        break;
    }
  if (strchr (buf, 'e') != NULL && fabs (value) >= 1e-6 && fabs (value) < 1e15)
    {
      char format[16];

      for (int decimals = 1; decimals <= 24; decimals++)
        {
          char fixed[64];
          g_snprintf (format, sizeof format, "%%.%df", decimals);
          g_ascii_formatd (fixed, sizeof fixed, format, value);
          if (reference_round_trips (fixed, value))
            return g_strdup (fixed);
        }
    }
  return g_strdup (buf);
}

static double
from_bits (guint64 bits)
{
  double v;

  memcpy (&v, &bits, sizeof v);
  return v;
}

static guint64
random_bits (GRand *rand)
{
  return (guint64) g_rand_int (rand) << 32 | g_rand_int (rand);
}

/* A decimal of 1…17 random digits times a power of ten, read correctly
 * rounded: the values a file most often holds. */
static double
random_decimal (GRand *rand,
                int    min_exp,
                int    max_exp)
{
  char text[48];
  int n = g_rand_int_range (rand, 1, 18), o = 0;

  for (int i = 0; i < n; i++)
    text[o++] = (char) ('0' + g_rand_int_range (rand, i == 0 ? 1 : 0, 10));
  g_snprintf (text + o, sizeof text - (gsize) o, "e%d",
              g_rand_int_range (rand, min_exp, max_exp + 1) - n);
  return g_ascii_strtod (text, NULL);
}

/* Values of the kinds a segmentation writes, and of every other kind. */
static double
test_value (GRand  *rand,
            guint   i,
            double *sum)
{
  double v = 0, money = round (g_rand_double (rand) * pow (10, g_rand_int_range (rand, 1, 12))) / 100;
  int ulps = g_rand_int_range (rand, -3, 4);

  switch (i % 12)
    {
    case 0:   /* any bit pattern: every magnitude, subnormals, NaN, inf */
      v = from_bits (random_bits (rand));
      break;
    case 1:   /* any mantissa, exponents of everyday magnitudes */
      v = from_bits ((random_bits (rand) & ((G_GUINT64_CONSTANT (1) << 52) - 1))
                     | (guint64) g_rand_int_range (rand, 1023 - 80, 1023 + 80) << 52);
      break;
    case 2:
      v = money;
      break;
    case 3:   /* sums of amounts drift off the cent grid */
      *sum = g_rand_int_range (rand, 0, 1000) == 0 ? 0 : *sum + money;
      v = *sum;
      break;
    case 4:   /* means */
      v = (*sum + money) / g_rand_int_range (rand, 1, 100000);
      break;
    case 5:
      v = (double) g_rand_int_range (rand, 1, 1000) / g_rand_int_range (rand, 1, 100000);
      break;
    case 6:   /* powers of ten and their neighbours */
      {
        char text[16];
        g_snprintf (text, sizeof text, "1e%d", g_rand_int_range (rand, -30, 45));
        v = g_ascii_strtod (text, NULL);
        for (; ulps > 0; ulps--)
          v = nextafter (v, INFINITY);
        for (; ulps < 0; ulps++)
          v = nextafter (v, 0);
      }
      break;
    case 7:   /* short decimals and their neighbours */
      v = random_decimal (rand, -20, 45);
      if (ulps != 0)
        v = nextafter (v, ulps > 0 ? INFINITY : 0);
      break;
    case 8:   /* whole numbers around 1e15, 2^53 and beyond */
      {
        static const double centres[] = { 1e15, 9007199254740992.0, 1e16, 1e17, 1e18 };
        v = centres[g_rand_int_range (rand, 0, G_N_ELEMENTS (centres))]
            + g_rand_int_range (rand, -100000, 100000) * (g_rand_boolean (rand) ? 1.0 : 2.0);
      }
      break;
    case 9:   /* big numbers with binary fractions: exact ties at 15–17 digits */
      v = floor (g_rand_double (rand) * pow (10, g_rand_int_range (rand, 10, 16)))
          + g_rand_int_range (rand, 0, 1024) / 1024.0;
      if (g_rand_int_range (rand, 0, 4) == 0)   /* powers of two: a narrower gap below */
        v = ldexp (1, g_rand_int_range (rand, -1074, 1024));
      break;
    case 10:  /* around the switch from fixed notation to exponents */
      v = random_decimal (rand, -8, -2);
      if (g_rand_boolean (rand))
        v = nextafter (g_rand_boolean (rand) ? 1e-6 : 1e-4, ulps > 0 ? INFINITY : 0);
      break;
    default:  /* subnormals, zeros, the smallest normals */
      v = from_bits (random_bits (rand) & (((G_GUINT64_CONSTANT (1) << 52) - 1)
                                           >> g_rand_int_range (rand, 0, 53)));
      if (g_rand_int_range (rand, 0, 8) == 0)
        v = 0;
      else if (g_rand_int_range (rand, 0, 8) == 0)
        v = 2.2250738585072014e-308 * (1 + g_rand_int_range (rand, 0, 4));
      break;
    }
  return g_rand_boolean (rand) ? -v : v;
}

static void
test_same_as_reference (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autoptr(GString) appended = g_string_new ("x");
  /* the edges of the fast paths: whole numbers, fixed notation, 17 digits */
  const double edges[] = { 0.1, 1.0 / 3, 0.125, 0.5e-4, 9.5e-5, 1e-4, 1e-6, 999999999999999.9,
                           999999999999999.875, 1e15, 1e15 + 0.5, 9007199254740993.0, 1e17 / 3,
                           1e-14, 1.5e-14, 1e43, 1e44, 2e44, 5e-324, 2.2250738585072014e-308,
                           1.7976931348623157e308, 123456789012345.5, 0.3 - 0.1 };
  /* 200,000 values here, 20 million in the slow suite (-m slow) */
  guint n = g_test_slow () ? 20000000 : 200000, n_diff = 0;
  double sum = 0;

  for (guint i = 0; i < n; i++)
    {
      double v = i < G_N_ELEMENTS (edges) ? edges[i] : test_value (rand, i, &sum);
      g_autofree char *ours = seg_csv_format_number (v);
      g_autofree char *ref = reference_format_number (v);

      if (strcmp (ours, ref) != 0 && n_diff++ < 20)
        g_test_message ("%a: “%s”, reference “%s”", v, ours, ref);
      if (i % 1000 == 0)
        {
          g_string_truncate (appended, 1);
          seg_csv_format_number_append (appended, v);
          g_assert_cmpstr (appended->str + 1, ==, ref);
        }
    }
  g_test_message ("%u values compared, %u different", n, n_diff);
  g_assert_cmpuint (n_diff, ==, 0);
}

static void
test_plain_forms (void)
{
  g_autofree char *a = seg_csv_format_number (1000000);
  g_autofree char *b = seg_csv_format_number (0.000125);
  g_autofree char *c = seg_csv_format_number (NAN);
  g_autofree char *d = seg_csv_format_number (-0.0);
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
    /* written in runs up to each quote (issue 13): quotes at either end,
     * side by side, alone; a long cell; spaces at the ends; empty */
    { "\"", "\"\"\"\"" }, { "\"\"x\"", "\"\"\"\"\"x\"\"\"" }, { "\"a\"", "\"\"\"a\"\"\"" },
    { "5692161d-100b-45e5-9087-22101cc06fcc", "5692161d-100b-45e5-9087-22101cc06fcc" },
    { " pad ", "\" pad \"" }, { "", "" }, { "line\nbreak", "\"line\nbreak\"" },
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
  g_assert_true (seg_publish_file (path, bytes, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "a,b\n");
  g_assert_false (seg_publish_file (missing, bytes, &error));
  g_assert_nonnull (error);
  /* no temporary files left behind */
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);
  g_assert_cmpuint (n, ==, 1);
  seg_test_rmdir_recursive (dir);
}


typedef struct
{
  GString *text;
  guint    calls;
  guint    fail_at; /* fail on this call (0: never) */
} Collect;

static gboolean
collect (gpointer     user_data,
         const void  *data,
         gsize        len,
         GError     **error)
{
  Collect *c = user_data;

  if (++c->calls == c->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "full");
      return FALSE;
    }
  g_string_append_len (c->text, data, (gssize) len);
  return TRUE;
}

/* A table of every kind of cell, long enough for several blocks. */
static SegTable *
mixed_table (guint64 n)
{
  SegTable *t = seg_table_new (NULL);
  char **ids = g_new (char *, n), **notes = g_new (char *, n);
  double *x = g_new (double, n), *when = g_new (double, n), *flag = g_new (double, n);

  for (guint64 i = 0; i < n; i++)
    {
      ids[i] = g_strdup_printf ("C%07" G_GUINT64_FORMAT, i);
      notes[i] = i % 7 == 0 ? NULL : i % 5 == 0 ? g_strdup ("say \"hi\", =1") : g_strdup ("plain");
      x[i] = i % 11 == 0 ? NAN : (double) i / 3.0 - 1000;
      when[i] = i % 13 == 0 ? NAN : 19000 + (double) (i % 4000) + (i % 3 == 0 ? 0.25 : 0);
      flag[i] = i % 17 == 0 ? NAN : (double) (i % 2);
    }
  seg_table_add_column (t, "id", SEG_COLUMN_TEXT, n, NULL, ids);
  seg_table_add_column (t, "note, quoted", SEG_COLUMN_TEXT, n, NULL, notes);
  seg_table_add_column (t, "x", SEG_COLUMN_NUMBER, n, x, NULL);
  seg_table_add_column (t, "when", SEG_COLUMN_DATE, n, when, NULL);
  seg_table_add_column (t, "flag", SEG_COLUMN_BOOLEAN, n, flag, NULL);
  return t;
}

/* Written piece by piece (two threads, blocks of rows): the bytes of the
 * table formatted whole, for all rows, for some rows, for none. */
static void
test_streamed (void)
{
  const guint64 sizes[] = { 0, 1, 4095, 4096, 4097, 20000 };
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    for (guint threads = 1; threads <= 2; threads++)
      {
        g_autoptr(SegTable) t = mixed_table (sizes[k]);
        g_autoptr(GBytes) whole = seg_csv_format_table (t, NULL, 0);
        g_autoptr(GString) text = g_string_new (NULL);
        g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint64));
        Collect c = { text, 0, 0 };

        seg_parallel_set_threads (threads);
        g_assert_true (seg_csv_write_table (t, NULL, 0, collect, &c, &error));
        g_assert_no_error (error);
        g_assert_cmpmem (text->str, text->len, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole));

        /* every third row, backwards */
        for (guint64 i = sizes[k]; i > 0; i--)
          if (i % 3 == 0)
            {
              guint64 r = i - 1;
              g_array_append_val (rows, r);
            }
        {
          g_autoptr(GBytes) some = seg_csv_format_table (t, (guint64 *) (void *) rows->data, rows->len);
          g_string_truncate (text, 0);
          g_assert_true (seg_csv_write_table (t, (guint64 *) (void *) rows->data, rows->len, collect, &c, &error));
          g_assert_cmpmem (text->str, text->len, g_bytes_get_data (some, NULL), g_bytes_get_size (some));
        }
      }
  seg_parallel_set_threads (2);
}

/* A failing writer stops the writing and its error comes back. */
static void
test_streamed_failure (void)
{
  g_autoptr(SegTable) t = mixed_table (40000);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint fail_at = 1; fail_at <= 3; fail_at++)
    {
      Collect c = { text, 0, fail_at };

      g_string_truncate (text, 0);
      g_assert_false (seg_csv_write_table (t, NULL, 0, collect, &c, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_clear_error (&error);
      /* nothing is handed over after the failure */
      g_assert_cmpuint (c.calls, ==, fail_at);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv-writer/shortest", test_shortest);
  g_test_add_func ("/csv-writer/same-as-reference", test_same_as_reference);
  g_test_add_func ("/csv-writer/plain-forms", test_plain_forms);
  g_test_add_func ("/csv-writer/neutralise", test_neutralise);
  g_test_add_func ("/csv-writer/atomic", test_atomic);
  g_test_add_func ("/csv-writer/streamed", test_streamed);
  g_test_add_func ("/csv-writer/streamed-failure", test_streamed_failure);
  return g_test_run ();
}
