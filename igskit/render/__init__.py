"""Rendering: the Quarto book project and the embedded pandoc + typst renderer, with the house style."""
