from samverkan_cli.cli import main

raise SystemExit(main())
