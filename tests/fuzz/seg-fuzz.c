/* seg-fuzz.c — helpers shared by the fuzz targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "seg-fuzz.h"

void
seg_fuzz_init (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_once_init_leave (&done, 1);
}

char *
seg_fuzz_strndup (const uint8_t *data,
                  size_t         size)
{
  return g_strndup ((const char *) data, size);
}
