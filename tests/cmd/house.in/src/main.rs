finetuning in a source file glossa does not read
