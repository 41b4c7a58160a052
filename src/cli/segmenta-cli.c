/* segmenta-cli.c — the headless face of the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_printerr ("%s\n", _("segmenta-cli: not ready"));
  return 2;
}
