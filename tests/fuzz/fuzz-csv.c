/* fuzz-csv.c — the dialect sniffer and the CSV reader on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sniffer sees what the reader gives it (valid UTF-8 without a byte
 * order mark), with each forced delimiter and header setting; the reader
 * sees the raw bytes with its defaults, then as a preview with a forced
 * day-first date order, and what it reads goes through role detection and
 * back out through the CSV writer.
 */
#include "config.h"

#include "seg-csv-writer.h"
#include "seg-csv.h"
#include "seg-roles.h"
#include "seg-sniff.h"

#include "seg-fuzz.h"

static void
sniff (const uint8_t *data,
       size_t         size)
{
  static const char delimiters[] = { 0, ',', ';', '\t', '|', ' ' };
  const char *text = (const char *) data;
  gsize len = size;

  if (!g_utf8_validate_len (text, len, NULL))
    return;
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    for (int header = -1; header <= 1; header++)
      {
        SegSniff s;
        const char *eol;

        seg_sniff_dialect (text, len, d % 2 == 1, delimiters[d], header, &s);
        eol = memchr (text, '\n', len);
        g_ptr_array_unref (seg_sniff_split_line (text, eol != NULL ? (gsize) (eol - text) : len,
                                                 s.delimiter));
      }
}

static void
read_table (GBytes               *bytes,
            const SegReadOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegTable) table = seg_csv_read_bytes (bytes, "fuzz.csv", options, NULL, NULL, NULL, &error);
  SegRoleGuess guess = { 0 };

  g_assert ((table == NULL) != (error == NULL));
  if (table == NULL)
    return;
  seg_roles_detect (table, &guess);
  seg_role_guess_clear (&guess);
  g_bytes_unref (seg_csv_format_table (table, NULL, 0));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  SegReadOptions options;

  seg_fuzz_init ();
  sniff (data, size);

  read_table (bytes, NULL);
  seg_read_options_init (&options);
  options.preview = TRUE;
  options.day_first = 1;
  read_table (bytes, &options);
  return 0;
}
