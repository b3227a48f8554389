from deckaudit.cli import main

main()
