from assistant.launch import main

main()
